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

  constructor(reason: unknown, context: RequestContext = {}) {
    super('The operation was aborted by the caller (its AbortSignal fired).', { cause: reason });
    this.taskId = context.taskId;
    this.idempotencyKey = context.idempotencyKey;
  }
}

/** Why a 2xx response could not be used. */
export type InvalidResponseReason = 'invalid_json' | 'too_large' | 'unexpected_content_type' | 'invalid_shape' | 'redirect';

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
