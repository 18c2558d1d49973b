import type { Clock } from '../../src/internal/clock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A discrete-event clock for tests: `sleep()` schedules a virtual timer and records its delay; `run(promise)` lets
 * the code under test run until it is idle, then jumps to the next timer, until the promise settles. No real time
 * passes, so assertions are about the exact delays the SDK scheduled, never about how busy the machine was.
 */
export class VirtualClock implements Clock {
  time: number;
  /** Every delay passed to `sleep`, in the order scheduled. */
  readonly sleeps: number[] = [];
  #timers: Timer[] = [];
  #seq = 0;

  constructor(start = 1_760_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.#seq++, fire: () => resolve() };
      const onAbort = (): void => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      timer.fire = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
    });
  }

  /** Pending virtual timers. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Runs virtual time forward until `promise` settles (or `maxSteps` timers fired); returns its outcome. */
  async run<T>(promise: Promise<T>, maxSteps = 10_000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let step = 0; step < maxSteps; step++) {
      await flush();
      if (settled) return promise;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift();
      if (!next) {
        await flush();
        if (settled) return promise;
        throw new Error('VirtualClock: the promise is pending but no timer is scheduled (waiting on real I/O?)');
      }
      this.time = Math.max(this.time, next.at);
      next.fire();
    }
    throw new Error(`VirtualClock: still pending after ${maxSteps} timers`);
  }

  /** Moves time forward by `ms`, firing the timers due, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flush();
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > target) break;
      this.#timers.shift();
      this.time = next.at;
      next.fire();
    }
    this.time = target;
    await flush();
  }
}
