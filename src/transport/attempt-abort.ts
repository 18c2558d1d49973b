/** The part of Node's `EventEmitter` an attempt uses: undici's `request()` listens for `abort` on it. */
export interface AbortEmitter {
  emit(event: 'abort'): unknown;
}

/**
 * What an attempt hands its transport to be aborted by: an `AbortSignal` for fetch, an `EventEmitter` for a
 * dispatcher's `request()` (documented since undici 5, far cheaper than an `AbortSignal`, which costs microseconds to
 * create on Node 20; made by the Node wires, so this file needs no node:events), or nothing for the SDK's own
 * connections, whose handler is called directly (see {@link listen}).
 */
export type AttemptSignalKind = 'fetch' | 'none' | AbortEmitter;

/** How one attempt is aborted (by its timer, the caller's signal or the client's close). */
export class AttemptAbort {
  aborted = false;
  reason: unknown;
  readonly #controller: AbortController | undefined;
  readonly #emitter: AbortEmitter | undefined;
  #listener: ((reason: unknown) => void) | undefined;

  constructor(kind: AttemptSignalKind) {
    if (kind === 'fetch') this.#controller = new AbortController();
    else if (kind !== 'none') this.#emitter = kind;
  }

  /** The signal for fetch (`AbortSignal`) or for undici's `request()` (the emitter). */
  get signal(): AbortSignal | AbortEmitter | undefined {
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
