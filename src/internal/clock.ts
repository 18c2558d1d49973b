import { watchAbort } from './abort.js';

/**
 * Time as the SDK sees it. Every delay the SDK schedules (retry backoff, rate-limit pauses, polling, deadlines) goes
 * through one of these, so tests can inject a virtual clock and assert the exact delays scheduled.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason the moment it fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `callback` after `ms` milliseconds unless the returned function is called first. Optional: a clock without
   * it gets one built on `sleep` (see {@link startTimer}); the real clock has a cheaper one for the per-attempt timer.
   */
  setTimer?(ms: number, callback: () => void): () => void;
}

/** Largest delay `setTimeout` accepts; longer ones fire at once in Node. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The real clock. `Date.now` and `setTimeout` are looked up at call time, so a caller's fake timers
 * (`vi.useFakeTimers()`, `@sinonjs/fake-timers`) installed after the SDK was imported still apply.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const stop = signal
        ? watchAbort(signal, () => {
            clearTimeout(timer);
            reject(signal.reason);
          })
        : undefined;
      const timer = setTimeout(
        () => {
          stop?.();
          resolve();
        },
        Math.min(Math.max(0, ms), MAX_TIMER_MS),
      );
    });
  },
  setTimer(ms, callback) {
    const timer = setTimeout(callback, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  },
};

/** Calls `callback` after `ms` on `clock` unless the returned function is called first. */
export function startTimer(clock: Clock, ms: number, callback: () => void): () => void {
  if (clock.setTimer) return clock.setTimer(ms, callback);
  const cancel = new AbortController();
  clock.sleep(ms, cancel.signal).then(callback, () => {});
  return () => cancel.abort();
}
