import { EventEmitter } from 'node:events';

/**
 * How one attempt is aborted (by its timer, the caller's signal or the client's close). undici's `request()` takes an
 * `EventEmitter` as its signal (documented since undici 5): far cheaper than an `AbortSignal`, whose listeners cost
 * microseconds each on Node 20. fetch needs a real `AbortSignal`, made only for that route.
 */
export class AttemptAbort {
  aborted = false;
  reason: unknown;
  readonly #controller: AbortController | undefined;
  readonly #emitter: EventEmitter | undefined;

  constructor(forFetch: boolean) {
    if (forFetch) this.#controller = new AbortController();
    else this.#emitter = new EventEmitter();
  }

  /** The signal for fetch (`AbortSignal`) or for undici's `request()` (`EventEmitter`). */
  get signal(): AbortSignal | EventEmitter {
    return (this.#controller?.signal ?? this.#emitter)!;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    this.#emitter?.emit('abort');
  }
}
