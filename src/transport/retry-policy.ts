import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  InvalidResponseError,
} from '../errors/index.js';
import { parseRetryAfter } from './retry-after.js';

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

/** @internal */
export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = { maxRetryAfter: 60_000, initialDelay: 500, maxDelay: 8_000 };

const GET_RETRY_STATUSES = new Set([408, 409, 429]);

/**
 * Whether an attempt that failed with `error` may be sent again.
 * - GET (reading a task) is idempotent: retried on connection errors, timeouts, unusable bodies, 408, 409, 429, 5xx.
 * - POST creates a billed task: retried only on 429 and 5xx answers (the server replied, and the same
 *   `Idempotency-Key` is resent) and on connection failures that provably happened before sending. A timeout or
 *   reset after sending is never retried: a task may exist.
 */
export function isRetryable(error: unknown, method: 'GET' | 'POST'): boolean {
  if (error instanceof APIError) {
    if (error.status === 429 || error.status >= 500) return true;
    return method === 'GET' && GET_RETRY_STATUSES.has(error.status);
  }
  if (error instanceof APITimeoutError) return method === 'GET';
  if (error instanceof APIConnectionError) return method === 'GET' || !error.mayHaveReachedServer;
  if (error instanceof InvalidResponseError) return method === 'GET' && error.reason !== 'redirect';
  return false;
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
