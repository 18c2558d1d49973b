import { APIUserAbortError, type EvoLinkError, RateLimitError } from '../errors/index.js';
import type { Clock } from '../internal/clock.js';
import type { SdkLogger } from '../internal/logger.js';
import type { PreparedRequest } from '../request/build-request.js';
import { errorForAbort } from './abort-reasons.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import type { RateGate } from './rate-gate.js';
import { decideRetry, noRetryNote, type RetryDecision, type RetryPolicyOptions } from './retry-policy.js';

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

/** How one logical request is sent and retried. */
export interface SendOptions {
  maxRetries: number;
  /** Per-attempt timeout in milliseconds (`0`: none). */
  timeout: number;
  /** The operation's signal (caller, client close, deadline), already linked. */
  signal?: AbortSignal | undefined;
  /** Epoch ms after which no retry is scheduled; read at each decision, so it may be set while the request runs. */
  deadline?: (() => number | undefined) | undefined;
  policy: RetryPolicyOptions;
  gate: RateGate;
  clock: Clock;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * A further veto for requests with their own rule (uploads are not resent after anything that may have stored a
   * file): `false` makes a failure final even where {@link decideRetry} would retry.
   */
  mayRetry?: ((error: unknown) => boolean) | undefined;
  /** Where attempts (debug) and retries (warn) are logged. */
  log?: SdkLogger | undefined;
}

const BODY_IN_LOG = 1_000;

/** One debug line per HTTP attempt: what was sent and what came back (the logger scrubs the key). */
function logAttempt(log: SdkLogger, request: PreparedRequest, attempt: number, started: number, clock: Clock, outcome: HttpResponse | unknown): void {
  const answer = outcome as Partial<HttpResponse> & { status?: number; requestId?: string; message?: string; name?: string };
  const ok = typeof answer.data !== 'undefined' && typeof answer.headers === 'object';
  log.debug(`${request.method} ${request.path} → ${answer.status ?? answer.name ?? 'error'}`, {
    method: request.method,
    path: request.path,
    attempt,
    status: answer.status,
    durationMs: clock.now() - started,
    requestId: answer.requestId,
    idempotencyKey: request.idempotencyKey,
    requestHeaders: request.headers,
    requestBody: request.body?.slice(0, BODY_IN_LOG),
    ...(ok ? { responseBody: JSON.stringify(answer.data)?.slice(0, BODY_IN_LOG) } : { error: answer.message }),
  });
}

/**
 * Sends a request, retrying on {@link decideRetry}'s verdict: `Retry-After` (up to `policy.maxRetryAfter`) or jittered
 * backoff, never past the deadline. A 429 also pauses the shared gate so the whole client slows down. Every sleep is
 * abortable. When a retry is refused the last error is thrown, its message saying why it was not retried.
 */
export async function sendWithRetry(http: Pick<HttpClient, 'send'>, request: PreparedRequest, options: SendOptions): Promise<HttpResponse> {
  const { signal, gate, clock } = options;
  const context = { idempotencyKey: request.idempotencyKey, taskId: request.taskId, what: `${request.method} ${request.path}` };
  for (let retriesDone = 0; ; retriesDone++) {
    try {
      await gate.wait(signal);
    } catch (reason) {
      throw errorForAbort(reason, context, false);
    }
    const started = clock.now();
    try {
      const response = await http.send(request, { signal, timeout: options.timeout });
      if (options.log?.enabled('debug')) logAttempt(options.log, request, retriesDone + 1, started, clock, response);
      return response;
    } catch (error) {
      if (options.log?.enabled('debug')) logAttempt(options.log, request, retriesDone + 1, started, clock, error);
      const decision: RetryDecision =
        options.mayRetry?.(error) === false
          ? { retry: false, reason: 'not_retryable' }
          : decideRetry({
              error,
              method: request.method,
              // Only a task-creating call without a key risks a second task when resent.
              keyed: !request.createsTask || request.idempotencyKey !== undefined,
              retriesDone,
              maxRetries: options.maxRetries,
              now: clock.now(),
              deadline: options.deadline?.(),
              policy: options.policy,
            });
      if (!decision.retry) throw withNote(error, noRetryNote(decision, options.policy));
      if (error instanceof RateLimitError) gate.pause(decision.delay);
      options.log?.warn(
        error instanceof RateLimitError
          ? `Rate limited on ${request.method} ${request.path}: every request of this client pauses ${decision.delay} ms`
          : `Retrying ${request.method} ${request.path} in ${decision.delay} ms`,
        { retry: retriesDone + 1, delay: decision.delay, error: error instanceof Error ? error.message : String(error), idempotencyKey: request.idempotencyKey, taskId: request.taskId },
      );
      options.onRetry?.({ method: request.method, path: request.path, retry: retriesDone + 1, delay: decision.delay, error });
      try {
        await clock.sleep(decision.delay, signal);
      } catch (reason) {
        throw errorForAbort(reason, context, false);
      }
    }
  }
}

function withNote(error: unknown, note: string | undefined): unknown {
  if (note && error instanceof Error && !(error instanceof APIUserAbortError)) {
    // The note is a sentence of its own: close the message's last one first.
    (error as EvoLinkError).message += `${/[.!?]$/.test(error.message) ? '' : '.'} ${note}`;
  }
  return error;
}
