import { type AbortSource, watchAbort } from '../internal/abort.js';

/**
 * A counting semaphore for the SDK's own connection pool: at most `size` requests are handed to undici at once, the
 * rest wait here. A request's timeout starts only once it holds a slot, so time spent queueing for a connection is
 * never reported as a timeout of a request that may have reached the server.
 */
export class Slots {
  #free: number;
  readonly #queue: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  /** A release function when a slot is free now (nothing is queued ahead), else `undefined`. */
  tryAcquire(): (() => void) | undefined {
    if (this.#free === 0) return undefined;
    this.#free--;
    return this.#releaser();
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if it fires first. */
  acquire(signal: AbortSource | undefined): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        stop?.();
        resolve(this.#releaser());
      };
      const stop = signal
        ? watchAbort(signal, () => {
            const index = this.#queue.indexOf(grant);
            if (index !== -1) this.#queue.splice(index, 1);
            reject(signal.reason);
          })
        : undefined;
      this.#queue.push(grant);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next();
      else this.#free++;
    };
  }
}
