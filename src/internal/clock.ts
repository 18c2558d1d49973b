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
};
