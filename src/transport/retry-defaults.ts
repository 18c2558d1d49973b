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
