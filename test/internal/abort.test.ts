import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { AbortTrigger, asSignal, linkSignals, watchAbort } from '../../src/internal/abort.js';

describe('watchAbort', () => {
  it('fans one listener out to every watcher, removed when the last stops; a stopped watcher is not called', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const stops = Array.from({ length: 1000 }, (_, i) => watchAbort(controller.signal, () => calls.push(i)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (const stop of stops.slice(1)) stop();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stops[0]!();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    watchAbort(controller.signal, () => calls.push(-1));
    controller.abort();
    expect(calls).toEqual([-1]);
  });
});

describe('linkSignals', () => {
  it('fires on any source with its reason, calls watchers of the linked signal without a listener of its own', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkSignals([a.signal, undefined, b.signal]);
    const watcher = vi.fn();
    watchAbort(linked.signal, watcher);
    expect(getEventListeners(linked.signal, 'abort')).toHaveLength(0);
    b.abort('stop');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('stop');
    expect(watcher).toHaveBeenCalledTimes(1);
  });

  it('is aborted at once by an already-aborted source, and by its own abort()', () => {
    expect(linkSignals([AbortSignal.abort('gone')]).signal.reason).toBe('gone');
    const linked = linkSignals([]);
    const watcher = vi.fn();
    watchAbort(linked.signal, watcher);
    linked.abort('deadline');
    linked.abort('again');
    expect(linked.signal.reason).toBe('deadline');
    expect(watcher).toHaveBeenCalledTimes(1);
  });

  it('after cleanup() a source no longer reaches it', () => {
    const source = new AbortController();
    const linked = linkSignals([source.signal]);
    linked.cleanup();
    source.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});

describe('AbortTrigger', () => {
  it('calls its watchers and linked signals on abort(), with no AbortSignal made until one is asked for', () => {
    const trigger = new AbortTrigger();
    const watcher = vi.fn();
    const stop = watchAbort(trigger, watcher);
    const linked = linkSignals([trigger]);
    expect(trigger.aborted).toBe(false);
    trigger.abort('deadline');
    trigger.abort('again');
    expect(watcher).toHaveBeenCalledTimes(1);
    expect(linked.signal.reason).toBe('deadline');
    expect(trigger.reason).toBe('deadline');
    stop();
  });

  it('gives a real AbortSignal that fires with it', () => {
    const trigger = new AbortTrigger();
    const signal = asSignal(trigger);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(asSignal(trigger)).toBe(signal);
    trigger.abort('closed');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('closed');
  });

  it('a stopped watcher is not called', () => {
    const trigger = new AbortTrigger();
    const watcher = vi.fn();
    watchAbort(trigger, watcher)();
    trigger.abort('x');
    expect(watcher).not.toHaveBeenCalled();
  });
});
