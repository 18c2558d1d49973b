import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitSignal } from '../../src/tasks/wait-signal.js';

const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

describe('waitSignal', () => {
  it('without a caller signal, is the client’s own close signal (nothing allocated per wait)', () => {
    const stop = new AbortController().signal;
    expect(waitSignal(undefined, stop).signal).toBe(stop);
  });

  it('gives the waits of one client that pass the same signal one shared signal, and detaches when the last ends', () => {
    const caller = new AbortController();
    const stop = new AbortController();
    const other = new AbortController();
    const a = waitSignal(caller.signal, stop.signal);
    const b = waitSignal(caller.signal, stop.signal);
    const c = waitSignal(caller.signal, other.signal);
    expect(b.signal).toBe(a.signal);
    expect(c.signal).not.toBe(a.signal);
    expect(listeners(caller.signal)).toBe(1);
    a.release();
    a.release(); // a second release of the same wait changes nothing
    expect(listeners(stop.signal)).toBe(1);
    b.release();
    c.release();
    expect(listeners(caller.signal)).toBe(0);
    expect(listeners(stop.signal)).toBe(0);
    expect(listeners(other.signal)).toBe(0);
    // A later wait gets a fresh signal.
    expect(waitSignal(caller.signal, stop.signal).signal).not.toBe(a.signal);
  });

  it('fires on the caller’s abort or the client’s close, with that reason', () => {
    const caller = new AbortController();
    const stop = new AbortController();
    const other = new AbortController();
    const first = waitSignal(caller.signal, stop.signal);
    const second = waitSignal(new AbortController().signal, stop.signal);
    const third = waitSignal(caller.signal, other.signal);
    stop.abort('closed');
    expect([first.signal?.reason, second.signal?.reason, third.signal?.aborted]).toEqual(['closed', 'closed', false]);
    caller.abort('user');
    expect(third.signal?.reason).toBe('user');
    // Already aborted: a new wait is aborted from the start.
    expect(waitSignal(caller.signal, new AbortController().signal).signal?.reason).toBe('user');
  });
});
