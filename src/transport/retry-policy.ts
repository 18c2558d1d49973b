import { APIConnectionError, APIError, APITimeoutError, InvalidResponseError } from '../errors/index.js';
import { parseRetryAfter } from '../errors/from-response.js';

/** Tunables of the retry policy. */
export interface RetryPolicyOptions {
  /**
   * The longest server-requested wait (`Retry-After`) the SDK will sleep through, in milliseconds. A longer one is
   * not slept: the error is thrown with `retryAfter` so you can decide.
   * @default 60000
   */
  maxRetryAfter: number;
  /** First backoff delay in milliseconds. @default 500 */
  initialDelay: number;
  /** Cap of the exponential backoff in milliseconds. @default 8000 */
  maxDelay: number;
}

/** The policy's defaults (the client options `maxRetryAfter` and `retryBackoff` override them). @internal */
export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = { maxRetryAfter: 60_000, initialDelay: 500, maxDelay: 8_000 };

const GET_RETRY_STATUSES = new Set([408, 409, 429]);

/**
 * Whether an attempt that failed with `error` may be sent again.
 * - GET (reading a task) is idempotent: retried on connection errors, timeouts, unusable bodies, 408, 409, 429, 5xx.
 * - POST creates a billed task: retried on 429 and 5xx answers (the server replied, and the same `Idempotency-Key`
 *   is resent) and on connection failures that provably happened before sending. A timeout or reset after sending
 *   is never retried: a task may exist.
 * - A POST without an `Idempotency-Key` (`keyed: false`, a gateway that honours none) is retried only when it
 *   provably created nothing: a 429 (the rate limiter turned it away) or a failure before sending. A 5xx may come
 *   from a proxy after the gateway accepted the work, and resending it could create a second task.
 */
export function isRetryable(error: unknown, method: 'GET' | 'POST', keyed = true): boolean {
  if (error instanceof APIError) {
    if (error.status === 429) return true;
    if (error.status >= 500) return method === 'GET' || keyed;
    return method === 'GET' && GET_RETRY_STATUSES.has(error.status);
  }
  if (error instanceof APITimeoutError) return method === 'GET';
  if (error instanceof APIConnectionError) return method === 'GET' || !error.mayHaveReachedServer;
  if (error instanceof InvalidResponseError) return method === 'GET' && error.reason !== 'redirect';
  return false;
}

/** `true` when a failed create may still have created its task (the server may have received it). */
function mayHaveCreated(error: unknown): boolean {
  if (error instanceof APIError) return error.status >= 500 || error.status === 408;
  if (error instanceof APIConnectionError) return error.mayHaveReachedServer;
  return error instanceof InvalidResponseError;
}

/** Exponential backoff with jitter: `min(initial · 2ⁿ, max) · (1 − U·0.25)` for the n-th retry (0-based). */
export function backoffDelay(retry: number, policy: RetryPolicyOptions = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const base = Math.min(policy.initialDelay * 2 ** retry, policy.maxDelay);
  return Math.round(base * (1 - random() * 0.25));
}

/** The wait the server asked for with this error (`Retry-After` on a 429 or 503), in milliseconds. */
export function serverRetryAfterMs(error: unknown): number | undefined {
  return error instanceof APIError ? parseRetryAfter(error.headers) : undefined;
}

/** What {@link decideRetry} needs to know about one failed attempt. */
export interface RetryQuestion {
  error: unknown;
  method: 'GET' | 'POST';
  /** `false` for a POST sent without an `Idempotency-Key` (the gateway honours none). @default true */
  keyed?: boolean | undefined;
  /** Retries already made for this request (0 after the first attempt). */
  retriesDone: number;
  /** Retries allowed (`Infinity` inside a wait, which is bounded by its deadline instead). */
  maxRetries: number;
  /** Epoch milliseconds now. */
  now: number;
  /** Epoch milliseconds after which nothing may be scheduled, if any. */
  deadline: number | undefined;
  policy: RetryPolicyOptions;
  random?: (() => number) | undefined;
}

/** The verdict: send again after `delay` ms, or stop, saying why. */
export type RetryDecision =
  | { retry: true; delay: number }
  | { retry: false; reason: 'not_retryable' | 'exhausted' | 'no_idempotency_key' }
  | { retry: false; reason: 'retry_after_too_long' | 'past_deadline'; delay: number };

/**
 * The one retry decision, pure: used by every request retry and by every poll of a wait. In order: is the failure
 * retryable for this method and key ({@link isRetryable}; an unkeyed create that may exist is `no_idempotency_key`), are retries left, does the server's `Retry-After` exceed
 * `policy.maxRetryAfter` or end past the deadline (then waiting cannot help: stop now and say so). Otherwise wait the
 * `Retry-After`, else the jittered backoff; a backoff that runs into the deadline is cut short by the deadline itself,
 * which ends the operation with its timeout error.
 */
export function decideRetry(q: RetryQuestion): RetryDecision {
  if (!isRetryable(q.error, q.method, q.keyed ?? true)) {
    const unprotected = q.method === 'POST' && q.keyed === false && mayHaveCreated(q.error);
    return { retry: false, reason: unprotected ? 'no_idempotency_key' : 'not_retryable' };
  }
  if (q.retriesDone >= q.maxRetries) return { retry: false, reason: 'exhausted' };
  const requested = serverRetryAfterMs(q.error);
  if (requested !== undefined && requested > q.policy.maxRetryAfter)
    return { retry: false, reason: 'retry_after_too_long', delay: requested };
  if (requested !== undefined && q.deadline !== undefined && q.now + requested >= q.deadline)
    return { retry: false, reason: 'past_deadline', delay: requested };
  return { retry: true, delay: requested ?? backoffDelay(q.retriesDone, q.policy, q.random) };
}

/** One sentence for an error's message saying why it was not retried, when that is not obvious. */
export function noRetryNote(decision: RetryDecision, policy: RetryPolicyOptions): string | undefined {
  if (decision.retry) return undefined;
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
  if (decision.reason === 'retry_after_too_long') {
    return `Not retried: the server asked to wait ${seconds(decision.delay)}, longer than maxRetryAfter (${seconds(policy.maxRetryAfter)}); retry later or raise maxRetryAfter.`;
  }
  if (decision.reason === 'no_idempotency_key') {
    return 'Not retried: the request may have created a task and this gateway honours no idempotency key, so sending it again could create a second, billed task.';
  }
  if (decision.reason === 'past_deadline') {
    return `Not retried: waiting ${seconds(decision.delay)} before the next attempt would pass this call's deadline; raise its timeout or retry later.`;
  }
  return undefined;
}
