/**
 * Abort plumbing that stays cheap when one signal is shared by thousands of calls (a process-wide shutdown
 * controller, the client's own close signal): each distinct signal gets ONE listener, fanned out to the calls that
 * watch it, and removed when the last of them is done. So no `MaxListenersExceededWarning` and nothing left behind.
 * Signals made by {@link linkSignals} need no listener at all: the SDK aborts them itself and calls their watchers
 * (creating an AbortSignal and listening to it cost microseconds each on Node 20). An {@link AbortTrigger} goes further:
 * no AbortSignal at all until one is asked for.
 */
interface Watch {
  callbacks: Set<() => void>;
  /** The listener on the signal; `undefined` for a linked signal, whose watchers are called by its `abort`. */
  listener: (() => void) | undefined;
}
const watches = new WeakMap<AbortSignal, Watch>();
/** Where a trigger keeps its watchers: on itself, so a trigger per create adds no entry to the WeakMap. */
const WATCHERS = Symbol('watchers');

/**
 * An abort the SDK raises itself (a handle's wait ending while its create is in flight). The SDK's own plumbing
 * ({@link watchAbort}, {@link linkSignals}) takes it where it takes an AbortSignal, and its watchers are called by
 * {@link AbortTrigger.abort}: making one costs no AbortController (microseconds on Node 20) until `signal` is read.
 */
export class AbortTrigger {
  aborted = false;
  reason: unknown;
  /** Usually one at a time (the attempt in flight): an array, cheaper than a Set to fill and empty per create. */
  [WATCHERS]: (() => void)[] | undefined;
  #linked: LinkedSignal | undefined;

  /** An AbortSignal that fires with this trigger (for APIs that need a real one), made on first use. */
  get signal(): AbortSignal {
    this.#linked ??= linkSignals([this]);
    return this.#linked.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const watchers = this[WATCHERS];
    this[WATCHERS] = undefined;
    if (watchers) for (const callback of watchers) callback();
  }
}

/** What the SDK's abort plumbing watches: a caller's or its own AbortSignal, or an {@link AbortTrigger}. */
export type AbortSource = AbortSignal | AbortTrigger;

/** The source as an AbortSignal, for APIs that need a real one (a trigger's is made on first use). */
export function asSignal(source: AbortSource): AbortSignal;
export function asSignal(source: AbortSource | undefined): AbortSignal | undefined;
export function asSignal(source: AbortSource | undefined): AbortSignal | undefined {
  return source instanceof AbortTrigger ? source.signal : source;
}

function fire(signal: AbortSignal, watch: Watch): void {
  watches.delete(signal);
  for (const callback of watch.callbacks) callback();
}

/** Calls `onAbort` once when `signal` fires; returns a function that stops watching. */
export function watchAbort(signal: AbortSource, onAbort: () => void): () => void {
  if (signal instanceof AbortTrigger) {
    signal[WATCHERS] ??= [];
    const watchers = signal[WATCHERS];
    watchers.push(onAbort);
    return () => {
      const index = watchers.lastIndexOf(onAbort);
      // The one watcher, or the latest: popped (a splice would allocate the array it returns).
      if (index === watchers.length - 1) watchers.pop();
      else if (index !== -1) watchers.splice(index, 1);
    };
  }
  let watch = watches.get(signal);
  if (!watch) {
    const created: Watch = { callbacks: new Set(), listener: () => fire(signal, created) };
    watches.set(signal, created);
    signal.addEventListener('abort', created.listener!, { once: true });
    watch = created;
  }
  const current = watch;
  current.callbacks.add(onAbort);
  return () => {
    if (!current.callbacks.delete(onAbort) || current.callbacks.size > 0 || current.listener === undefined) return;
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
export function linkSignals(signals: readonly (AbortSource | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const { signal } = controller;
  const watch: Watch = { callbacks: new Set(), listener: undefined };
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
