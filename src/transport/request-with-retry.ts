import pRetry from 'p-retry';
import { APIUserAbortError, RateLimitError } from '../errors/index.js';
import type { HttpClient, HttpRequest, HttpResponse } from './http-client.js';
import type { RateGate } from './rate-gate.js';
import { backoffDelay, isRetryable, serverRetryAfterMs, type RetryPolicyOptions } from './retry-policy.js';
import { sleep } from './signals.js';

/** Information passed to the `onRetry` hook before the SDK sleeps and sends again. */
export interface RetryEvent {
  method: 'GET' | 'POST';
  path: string;
  /** 1 for the first retry. */
  retry: number;
  /** How long the SDK will wait before the next attempt, in milliseconds. */
  delay: number;
  /** The error of the failed attempt. */
  error: unknown;
}

/** How one logical request is retried. */
export interface RetryOptions {
  maxRetries: number;
  timeout: number | undefined;
  signal?: AbortSignal | undefined;
  /** Epoch ms after which no retry is started (a waiting caller's deadline). */
  deadline?: number | undefined;
  policy: RetryPolicyOptions;
  gate: RateGate;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/**
 * Sends a request, retrying per {@link isRetryable} with p-retry. Delays honour `Retry-After` (up to
 * `policy.maxRetryAfter`), otherwise jittered exponential backoff; a 429 also pauses the shared gate so the whole
 * client slows down. Every sleep is abortable, and no retry is scheduled past `deadline`.
 */
export function requestWithRetry(http: Pick<HttpClient, 'send'>, request: HttpRequest, options: RetryOptions): Promise<HttpResponse> {
  const { signal, gate, policy } = options;
  const attempt = async (): Promise<HttpResponse> => {
    try {
      await gate.wait(signal);
    } catch (reason) {
      throw new APIUserAbortError(reason, request);
    }
    return http.send(request, { signal, timeout: options.timeout });
  };
  return pRetry(attempt, {
    retries: Math.max(0, options.maxRetries),
    minTimeout: 0,
    maxTimeout: 0,
    factor: 1,
    // Called only while retries remain: decide, then sleep here so that p-retry's own delay stays zero.
    shouldRetry: async ({ error, retriesConsumed }) => {
      if (!isRetryable(error, request.method)) return false;
      const requested = serverRetryAfterMs(error);
      if (requested !== undefined && requested > policy.maxRetryAfter) return false;
      const delay = requested ?? backoffDelay(retriesConsumed, policy);
      if (options.deadline !== undefined && Date.now() + delay >= options.deadline) return false;
      if (error instanceof RateLimitError) gate.pause(delay);
      options.onRetry?.({ method: request.method, path: request.path, retry: retriesConsumed + 1, delay, error });
      try {
        await sleep(delay, signal);
      } catch (reason) {
        throw new APIUserAbortError(reason, request);
      }
      return true;
    },
  });
}
