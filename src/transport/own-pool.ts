import { Client } from 'undici';
import { type AbortSource, watchAbort } from '../internal/abort.js';

/** Options of the SDK's own connection pool. */
export interface PoolOptions {
  /** The API origin: the pool's connections all go there (redirects are followed within it only). */
  origin: string;
  /** Maximum sockets to the API origin. */
  maxConnections: number;
  /** How long an idle keep-alive socket is kept, in milliseconds. */
  keepAliveTimeout: number;
}

/** One connection lent for one attempt; `release()` gives it back once the response body has been read. */
export interface Lease {
  client: Client;
  release(): void;
}

/**
 * The SDK's keep-alive pool: up to `maxConnections` undici `Client`s (one socket each), fronted by {@link Slots} so
 * that a request's timeout starts only once it holds a connection.
 *
 * It lends the most recently returned connection first, by its own count of requests in flight rather than undici's
 * (which frees a socket one event-loop turn after the body ends), so sequential calls share one socket without the
 * SDK ever yielding a macrotask. undici's header and body timers are off: their resolution is about one second and
 * their 300 s default would cut a longer configured timeout; the SDK enforces its `timeout` with a precise timer.
 */
export class OwnPool {
  readonly #options: PoolOptions;
  readonly #slots: Slots;
  readonly #idle: Client[] = [];
  readonly #all: Client[] = [];

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#slots = new Slots(options.maxConnections);
  }

  /**
   * Lends a connection at once when one is free and idle (sequential calls: the usual case), else `undefined`: then
   * {@link acquire} waits. Saves the promises of the waiting path on every request.
   */
  tryAcquire(): Lease | undefined {
    if (this.#idle.length === 0) return undefined;
    const releaseSlot = this.#slots.tryAcquire();
    return releaseSlot && this.#lend(this.#idle.pop()!, releaseSlot);
  }

  /** Waits for a free connection (rejecting with the signal's reason if it fires first) and lends it. */
  async acquire(signal: AbortSource | undefined): Promise<Lease> {
    const releaseSlot = await this.#slots.acquire(signal);
    let client = this.#idle.pop();
    if (client === undefined) {
      client = this.#create();
    }
    return this.#lend(client, releaseSlot);
  }

  #lend(client: Client, releaseSlot: () => void): Lease {
    let returned = false;
    return {
      client,
      release: () => {
        if (returned) return;
        returned = true;
        this.#idle.push(client);
        releaseSlot();
      },
    };
  }

  /** Closes every connection once its request (if any) is done. */
  async close(): Promise<void> {
    await Promise.all(this.#all.map((client) => client.close()));
  }

  #create(): Client {
    const client = new Client(this.#options.origin, {
      keepAliveTimeout: this.#options.keepAliveTimeout,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.#all.push(client);
    return client;
  }
}

/**
 * A counting semaphore for the SDK's own connection pool: at most `size` requests are handed to undici at once, the
 * rest wait here. A request's timeout starts only once it holds a slot, so time spent queueing for a connection is
 * never reported as a timeout of a request that may have reached the server.
 */
class Slots {
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
