import { inFlightAdvice } from '../errors/connection-error.js';
import { APITimeoutError, APIUserAbortError, ClientClosedError, type EvoLinkError } from '../errors/index.js';
import type { RequestContext } from '../errors/api-error.js';

/** The abort reason used by `client.close()`. */
export class ClientClosed {
  readonly what = 'client closed';
}

/** The abort reason of the SDK's per-attempt timer. */
export class AttemptTimedOut {
  constructor(readonly timeout: number) {}
}

/** The abort reason when a `waitForResult({ timeout })` deadline passes before the task was created. */
export class OperationTimedOut {
  constructor(readonly timeout: number) {}
}

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

/**
 * The typed error for an operation stopped by an abort: the client was closed, the attempt timed out, or (any other
 * reason) the caller's signal fired. `inFlight` says whether a request was on the wire, so whether it may have
 * reached the server.
 */
export function errorForAbort(
  reason: unknown,
  context: RequestContext & { what: string; createsTask?: boolean | undefined },
  inFlight: boolean,
): EvoLinkError {
  const ctx = {
    requestId: context.requestId,
    idempotencyKey: context.idempotencyKey,
    taskId: context.taskId,
    createsTask: context.createsTask,
  };
  if (reason instanceof ClientClosed) return new ClientClosedError({ ...ctx, mayHaveReachedServer: inFlight });
  if (reason instanceof AttemptTimedOut) {
    return new APITimeoutError(
      `Request timed out after ${reason.timeout} ms (${context.what}); raise the timeout option if the API is slow.`,
      { ...ctx, timeout: reason.timeout, mayHaveReachedServer: inFlight },
    );
  }
  if (reason instanceof OperationTimedOut) {
    return new APITimeoutError(
      `The wait's timeout (${reason.timeout} ms) passed before the task was created (${context.what}). ` +
        (inFlight
          ? `The request was in flight, so ${inFlightAdvice(ctx)}.`
          : 'No task was created; submit again, or pass a larger waitForResult({ timeout }).'),
      { ...ctx, timeout: reason.timeout, mayHaveReachedServer: inFlight },
    );
  }
  return new APIUserAbortError(reason, { ...ctx, mayHaveReachedServer: inFlight });
}
