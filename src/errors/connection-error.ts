import { EvoLinkError } from './evolink-error.js';
import type { RequestContext } from './api-error.js';

/** Fields of an {@link APIConnectionError}. */
export interface ConnectionErrorInit extends RequestContext {
  cause?: unknown;
  /**
   * `true` when the request may have reached the server (a reset or a timeout after it was sent).
   * For a task-creating POST this means a task may exist: resubmit with the same `idempotencyKey`.
   */
  mayHaveReachedServer: boolean;
}

/** What an error about a cut-off request knows: whether the request would have created a task, and with which key. */
export interface InFlightContext extends RequestContext {
  /** `true` for a task-creating request (billed). */
  createsTask?: boolean | undefined;
}

/**
 * What to do about a task-creating request that was on the wire when it was cut off, or `''` for any other request:
 * resubmit with its idempotency key, or — on a gateway that honours none — check before submitting again.
 * @internal
 */
export function inFlightAdvice(context: InFlightContext, via = ''): string {
  if (context.idempotencyKey)
    return `a task may exist: resubmit with idempotencyKey "${context.idempotencyKey}"${via} to get it without a duplicate`;
  if (context.createsTask) {
    return 'a task may exist, and this gateway honours no idempotency key: check your tasks before submitting again (a new submission may create a second, billed task)';
  }
  return '';
}

/** No usable response: DNS failure, refused or reset connection, or a response that broke off. `cause` holds the transport error. */
export class APIConnectionError extends EvoLinkError {
  static override readonly errorName: string = 'APIConnectionError';
  readonly mayHaveReachedServer: boolean;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly taskId: string | undefined;

  constructor(message: string, init: ConnectionErrorInit) {
    super(message, { cause: init.cause });
    this.mayHaveReachedServer = init.mayHaveReachedServer;
    this.requestId = init.requestId;
    this.idempotencyKey = init.idempotencyKey;
    this.taskId = init.taskId;
  }
}

/** The attempt took longer than the configured `timeout` (milliseconds, per HTTP attempt). */
export class APITimeoutError extends APIConnectionError {
  static override readonly errorName: string = 'APITimeoutError';
  /** The per-attempt timeout that elapsed, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, init: ConnectionErrorInit & { timeout: number }) {
    super(message, init);
    this.timeout = init.timeout;
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class APIUserAbortError extends EvoLinkError {
  static override readonly errorName: string = 'APIUserAbortError';
  readonly taskId: string | undefined;
  readonly idempotencyKey: string | undefined;

  /** `true` when a request was on the wire when the signal fired: a task-creating POST may have created a task. */
  readonly mayHaveReachedServer: boolean;

  constructor(reason: unknown, context: InFlightContext & { mayHaveReachedServer?: boolean | undefined } = {}) {
    super(
      `The operation was aborted by the caller (its AbortSignal fired)${
        context.mayHaveReachedServer && inFlightAdvice(context) ? `; the request was in flight, so ${inFlightAdvice(context)}` : ''
      }.`,
      { cause: reason },
    );
    this.taskId = context.taskId;
    this.idempotencyKey = context.idempotencyKey;
    this.mayHaveReachedServer = context.mayHaveReachedServer ?? false;
  }
}

/**
 * `client.close()` was called: the request or wait was ended (or refused) by the SDK. `mayHaveReachedServer` is
 * `true` only when a request was on the wire at that moment: for a task-creating POST a task may then exist, so
 * resubmit with the same `idempotencyKey` from another client.
 */
export class ClientClosedError extends EvoLinkError {
  static override readonly errorName: string = 'ClientClosedError';
  readonly mayHaveReachedServer: boolean;
  readonly idempotencyKey: string | undefined;
  readonly taskId: string | undefined;

  constructor(context: InFlightContext & { mayHaveReachedServer: boolean }) {
    super(
      context.mayHaveReachedServer
        ? `The client was closed while a request was in flight${inFlightAdvice(context) ? `; ${inFlightAdvice(context, ' from a new client')}` : ''}${context.taskId ? ` (task ${context.taskId})` : ''}.`
        : `The client was closed; nothing was sent${context.taskId ? ` (task ${context.taskId} keeps running: resume it with client.tasks.wait('${context.taskId}') on a new client)` : ''}. Create a new WanClient to send requests.`,
    );
    this.mayHaveReachedServer = context.mayHaveReachedServer;
    this.idempotencyKey = context.idempotencyKey;
    this.taskId = context.taskId;
  }
}

/** Why a 2xx response could not be used. */
export type InvalidResponseReason =
  | 'invalid_json'
  | 'too_large'
  | 'undecodable'
  | 'unexpected_content_type'
  | 'invalid_shape'
  | 'redirect'
  | 'mismatched_task';

/**
 * The server answered, but not with something the SDK can use: a body that is not JSON, too large, of the wrong
 * shape, or a redirect to another origin (never followed with the API key). For a POST the task may have been
 * created: resubmit with the same `idempotencyKey`.
 */
export class InvalidResponseError extends EvoLinkError {
  static override readonly errorName: string = 'InvalidResponseError';
  readonly status: number;
  readonly reason: InvalidResponseReason;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly taskId: string | undefined;

  constructor(message: string, init: RequestContext & { status: number; reason: InvalidResponseReason; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.reason = init.reason;
    this.requestId = init.requestId;
    this.idempotencyKey = init.idempotencyKey;
    this.taskId = init.taskId;
  }
}
