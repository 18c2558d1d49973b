import type { EventEmitter } from 'node:events';

type EmitterClass = typeof EventEmitter;
let Emitter: EmitterClass | undefined;

/** Node's `EventEmitter`, loaded on first use: importing the SDK does not pay for it, and only Node's routes need it. */
function emitterClass(): EmitterClass {
  Emitter ??= (process.getBuiltinModule('node:events') as typeof import('node:events')).EventEmitter;
  return Emitter;
}

/**
 * How one attempt is aborted (by its timer, the caller's signal or the client's close). undici's `request()` takes an
 * `EventEmitter` as its signal (documented since undici 5): far cheaper than an `AbortSignal`, which costs microseconds
 * to create on Node 20. fetch needs a real `AbortSignal`, made only for that route.
 */
export class AttemptAbort {
  aborted = false;
  reason: unknown;
  readonly #controller: AbortController | undefined;
  readonly #emitter: EventEmitter | undefined;

  constructor(forFetch: boolean) {
    if (forFetch) this.#controller = new AbortController();
    else this.#emitter = new (emitterClass())();
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
