import type { EventEmitter } from 'node:events';

type EmitterClass = typeof EventEmitter;
let Emitter: EmitterClass | undefined;

/** Node's `EventEmitter`, loaded on first use: importing the SDK does not pay for it, and only Node's routes need it. */
function emitterClass(): EmitterClass {
  Emitter ??= (process.getBuiltinModule('node:events') as typeof import('node:events')).EventEmitter;
  return Emitter;
}

/**
 * What an attempt hands its transport to be aborted by: an `AbortSignal` for fetch, an `EventEmitter` for a
 * dispatcher's `request()` (documented since undici 5, far cheaper than an `AbortSignal`, which costs microseconds to
 * create on Node 20), or nothing for the SDK's own connections, whose handler is called directly (see {@link listen}).
 */
export type AttemptSignalKind = 'fetch' | 'emitter' | 'none';

/** How one attempt is aborted (by its timer, the caller's signal or the client's close). */
export class AttemptAbort {
  aborted = false;
  reason: unknown;
  readonly #controller: AbortController | undefined;
  readonly #emitter: EventEmitter | undefined;
  #listener: ((reason: unknown) => void) | undefined;

  constructor(kind: AttemptSignalKind) {
    if (kind === 'fetch') this.#controller = new AbortController();
    else if (kind === 'emitter') this.#emitter = new (emitterClass())();
  }

  /** The signal for fetch (`AbortSignal`) or for undici's `request()` (`EventEmitter`). */
  get signal(): AbortSignal | EventEmitter | undefined {
    return this.#controller?.signal ?? this.#emitter;
  }

  /** Calls `listener` with the reason when the attempt is aborted, at once if it already was. One listener. */
  listen(listener: (reason: unknown) => void): void {
    if (this.aborted) listener(this.reason);
    else this.#listener = listener;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    this.#emitter?.emit('abort');
    this.#listener?.(reason);
  }
}
