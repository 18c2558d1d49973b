import { type LinkedSignal, linkSignals } from '../internal/abort.js';

interface Shared {
  linked: LinkedSignal;
  waits: number;
}

const byCaller = new WeakMap<AbortSignal, Map<AbortSignal | undefined, Shared>>();

/** What ends a wait early: the caller's signal or the client's close, as one signal. */
export interface WaitSignal {
  signal: AbortSignal | undefined;
  /** Call once when the wait ends. */
  release(): void;
}

const NOTHING_TO_RELEASE = (): void => {};

/**
 * The caller's signal and the client's close (`stop`) as one signal. A Node AbortSignal weighs ~0.8 KB, so waits do not
 * get one each: without a caller signal the wait watches `stop` itself, and the waits of one client that pass the same
 * caller signal (a process-wide shutdown signal is the common case) share one combined signal while any of them runs.
 */
export function waitSignal(caller: AbortSignal | undefined, stop: AbortSignal | undefined): WaitSignal {
  if (caller === undefined) return { signal: stop, release: NOTHING_TO_RELEASE };
  const perStop = byCaller.get(caller) ?? new Map<AbortSignal | undefined, Shared>();
  byCaller.set(caller, perStop);
  const entry = perStop.get(stop) ?? { linked: linkSignals([caller, stop]), waits: 0 };
  perStop.set(stop, entry);
  entry.waits++;
  let released = false;
  return {
    signal: entry.linked.signal,
    release: () => {
      if (released) return;
      released = true;
      if (--entry.waits > 0) return;
      entry.linked.cleanup();
      perStop.delete(stop);
      if (perStop.size === 0) byCaller.delete(caller);
    },
  };
}
