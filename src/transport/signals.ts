/** A signal that fires when any of the given signals fires, and a function that detaches it from them. */
export interface LinkedSignal {
  signal: AbortSignal | undefined;
  cleanup(): void;
}

/**
 * Combines signals like `AbortSignal.any`, but detaches its listeners on `cleanup()` so that a long-lived caller
 * signal shared by thousands of requests does not accumulate them.
 */
export function linkSignals(signals: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return { signal: present[0], cleanup: () => {} };
  const controller = new AbortController();
  const already = present.find((s) => s.aborted);
  if (already) {
    controller.abort(already.reason);
    return { signal: controller.signal, cleanup: () => {} };
  }
  const listeners = present.map((source) => {
    const onAbort = (): void => controller.abort(source.reason);
    source.addEventListener('abort', onAbort, { once: true });
    return () => source.removeEventListener('abort', onAbort);
  });
  return { signal: controller.signal, cleanup: () => listeners.forEach((remove) => remove()) };
}

/** Largest delay `setTimeout` accepts; longer ones fire at once in Node. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Resolves after `ms` milliseconds; rejects with the signal's reason the moment it fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A controller that aborts itself after `ms` (never when `ms` is not a positive finite number). */
export function timeoutController(ms: number | undefined): { signal: AbortSignal | undefined; clear(): void } {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return { signal: undefined, clear: () => {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), Math.min(ms, MAX_TIMER_MS));
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
