/**
 * Abort plumbing that stays cheap when one signal is shared by thousands of calls (a process-wide shutdown
 * controller, the client's own close signal): each distinct signal gets at most ONE listener, fanned out to the calls
 * that watch it, so no `MaxListenersExceededWarning`. The listener is added on the first watch and stays until the
 * signal fires: adding and removing an `AbortSignal` listener costs microseconds on Node 20, and a signal watched once
 * is usually watched again (the next poll, the next call). A call that is done only leaves the fan-out.
 * Signals made by {@link linkSignals} need no listener at all: the SDK aborts them itself and calls their watchers.
 */
interface Watch {
  callbacks: Set<() => void>;
}
const watches = new WeakMap<AbortSignal, Watch>();

function fire(signal: AbortSignal, watch: Watch): void {
  watches.delete(signal);
  for (const callback of watch.callbacks) callback();
}

/** Calls `onAbort` once when `signal` fires; returns a function that stops watching. */
export function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let watch = watches.get(signal);
  if (!watch) {
    const created: Watch = { callbacks: new Set() };
    watches.set(signal, created);
    signal.addEventListener('abort', () => fire(signal, created), { once: true });
    watch = created;
  }
  const { callbacks } = watch;
  callbacks.add(onAbort);
  return () => {
    callbacks.delete(onAbort);
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
  const { signal } = controller;
  const watch: Watch = { callbacks: new Set() };
  watches.set(signal, watch);
  const abort = (reason: unknown): void => {
    if (signal.aborted) return;
    controller.abort(reason);
    fire(signal, watch);
  };
  const stops: (() => void)[] = [];
  for (const source of signals) {
    if (source === undefined) continue;
    if (source.aborted) {
      abort(source.reason);
      break;
    }
    stops.push(watchAbort(source, () => abort(source.reason)));
  }
  return {
    signal,
    abort,
    cleanup: () => {
      for (const stop of stops) stop();
    },
  };
}
