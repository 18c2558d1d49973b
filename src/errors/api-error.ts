import { EvoLinkError } from './evolink-error.js';

/** What every HTTP-level error knows about the request that failed. */
export interface RequestContext {
  /** `x-request-id` (or `x-oneapi-request-id`) of the response: quote it to EvoLink support. */
  requestId?: string | undefined;
  /** The `Idempotency-Key` sent with a task-creating POST: resubmit with the same key to avoid a duplicate task. */
  idempotencyKey?: string | undefined;
  /** The task the request was about (task polling). */
  taskId?: string | undefined;
}

/** Fields of an {@link APIError}. */
export interface APIErrorInit extends RequestContext {
  status: number;
  /** `error.code` from the body: a string such as `rate_limit_exceeded`, or a number on some gateway errors. */
  code?: string | number | undefined;
  /** `error.type` from the body, e.g. `invalid_request_error`. */
  type?: string | undefined;
  /** `error.param` from the body, when the server names the offending field. */
  param?: string | undefined;
  /** Response headers (lower-case names). Contains no request header, so never the API key. */
  headers?: Record<string, string> | undefined;
  /** The parsed error body, or the first bytes of a non-JSON body. */
  body?: unknown;
}

/** The API answered with an error status. Subclasses exist for the statuses a caller handles differently. */
export class APIError extends EvoLinkError {
  static override readonly errorName: string = 'APIError';
  readonly status: number;
  readonly code: string | number | undefined;
  readonly type: string | undefined;
  readonly param: string | undefined;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly taskId: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: unknown;

  constructor(message: string, init: APIErrorInit) {
    super(message);
    this.status = init.status;
    this.code = init.code;
    this.type = init.type;
    this.param = init.param;
    this.requestId = init.requestId;
    this.idempotencyKey = init.idempotencyKey;
    this.taskId = init.taskId;
    this.headers = init.headers ?? {};
    this.body = init.body;
  }
}

/** 400: the server rejected the parameters. Fix the request; retrying it unchanged fails again. */
export class BadRequestError extends APIError {
  static override readonly errorName: string = 'BadRequestError';
}
/** 401: the API key is missing, invalid or expired. */
export class AuthenticationError extends APIError {
  static override readonly errorName: string = 'AuthenticationError';
}
/** 402: not enough credits. Top up at https://evolink.ai/dashboard/billing. */
export class InsufficientQuotaError extends APIError {
  static override readonly errorName: string = 'InsufficientQuotaError';
}
/** 403: the key may not use this model or read this task. */
export class PermissionDeniedError extends APIError {
  static override readonly errorName: string = 'PermissionDeniedError';
}
/** 404: unknown task id (or an expired one), or an unknown path. */
export class NotFoundError extends APIError {
  static override readonly errorName: string = 'NotFoundError';
}
/**
 * 409: the request conflicts with one the server already holds — on a create, the same `Idempotency-Key` with a
 * different body. A task may exist under that key: check before sending again, and send a changed request under a
 * new key.
 */
export class ConflictError extends APIError {
  static override readonly errorName: string = 'ConflictError';
}
/** 422: the request is well-formed but the server cannot process its content (a field value it refuses). */
export class UnprocessableEntityError extends APIError {
  static override readonly errorName: string = 'UnprocessableEntityError';
}
/** 429: rate limited. `retryAfter` says how long the server asked us to wait, when it said. */
export class RateLimitError extends APIError {
  static override readonly errorName: string = 'RateLimitError';
  /** Seconds the server asked to wait (`Retry-After` / `retry-after-ms`), if it sent one. */
  readonly retryAfter: number | undefined;

  constructor(message: string, init: APIErrorInit & { retryAfterMs?: number | undefined }) {
    super(message, init);
    this.retryAfter = init.retryAfterMs === undefined ? undefined : init.retryAfterMs / 1000;
  }
}
/** 5xx: the server or a gateway in front of it failed. Usually transient. */
export class InternalServerError extends APIError {
  static override readonly errorName: string = 'InternalServerError';
}
