/**
 * Abort plumbing that stays cheap when one signal is shared by thousands of calls (a process-wide shutdown
 * controller is the common pattern): each distinct signal gets ONE listener, fanned out to the calls that watch it,
 * and removed when the last of them is done. So no `MaxListenersExceededWarning` and nothing left behind.
 */
interface Watch {
  callbacks: Set<() => void>;
  listener: () => void;
}
const watches = new WeakMap<AbortSignal, Watch>();

/** Calls `onAbort` once when `signal` fires; returns a function that stops watching. */
export function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let watch = watches.get(signal);
  if (!watch) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      watches.delete(signal);
      for (const callback of callbacks) callback();
    };
    watch = { callbacks, listener };
    watches.set(signal, watch);
    signal.addEventListener('abort', listener, { once: true });
  }
  const current = watch;
  current.callbacks.add(onAbort);
  return () => {
    if (!current.callbacks.delete(onAbort) || current.callbacks.size > 0) return;
    signal.removeEventListener('abort', current.listener);
    if (watches.get(signal) === current) watches.delete(signal);
  };
}

/** A signal that fires when any of the given signals fires, and a function that detaches it from them. */
export interface LinkedSignal {
  signal: AbortSignal;
  /** Aborts the linked signal itself (for the SDK's own reasons: a per-attempt timeout, a deadline). */
  abort(reason: unknown): void;
  cleanup(): void;
}

/**
 * Combines signals like `AbortSignal.any`, but detaches from the sources on `cleanup()`, so that a long-lived caller
 * signal shared by many requests accumulates nothing.
 */
export function linkSignals(signals: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const stops: (() => void)[] = [];
  for (const source of signals) {
    if (source === undefined) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    stops.push(watchAbort(source, () => controller.abort(source.reason)));
  }
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    cleanup: () => {
      for (const stop of stops) stop();
    },
  };
}
