import { APIUserAbortError, type EvoLinkError, RateLimitError } from '../errors/index.js';
import { type AbortSource, asSignal, type LinkedSignal, linkSignals } from '../internal/abort.js';
import { type Clock, systemClock } from '../internal/clock.js';
import type { SdkLogger } from '../internal/logger.js';
import type { PreparedRequest } from '../request/build-request.js';
import { errorForAbort } from './attempt-abort.js';
import type { HttpClient, HttpResponse } from './http-client.js';
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
  /** The operation's signal (caller, deadline), already linked. */
  signal?: AbortSource | undefined;
  /** A second signal that ends the request too (the client's close): watched as it is, linked only for a sleep. */
  stop?: AbortSignal | undefined;
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

/**
 * Sends a request, retrying on {@link decideRetry}'s verdict: `Retry-After` (up to `policy.maxRetryAfter`) or jittered
 * backoff, never past the deadline. A 429 also pauses the shared gate so the whole client slows down. Every sleep is
 * abortable. When a retry is refused the last error is thrown, its message saying why it was not retried.
 */
export function sendWithRetry(http: Pick<HttpClient, 'send'>, request: PreparedRequest, options: SendOptions): Promise<HttpResponse> {
  // The first attempt goes outside the retry loop's async function (a promise and a frame less per call): most requests
  // succeed at once. A paused gate or debug logging (which logs every attempt) takes the loop from the start.
  if (options.gate.remaining > 0 || options.log?.enabled('debug')) return retrying(http, request, options, undefined);
  // The options carry the attempt's signal, stop and timeout under the names `send` reads.
  return http.send(request, options).then(undefined, (error: unknown) => retrying(http, request, options, { error }));
}

/** The retry loop, from the start or (with `first`) after a first attempt that failed. */
async function retrying(
  http: Pick<HttpClient, 'send'>,
  request: PreparedRequest,
  options: SendOptions,
  first: { error: unknown } | undefined,
): Promise<HttpResponse> {
  const { gate, clock } = options;
  // Made at the first sleep (a paused gate, a backoff): most requests never sleep.
  let sleeps: Sleeps | undefined;
  let failed = first;
  try {
    for (let retriesDone = 0; ; retriesDone++) {
      if (failed === undefined) {
        if (gate.remaining > 0) {
          sleeps ??= new Sleeps(request, options);
          await sleeps.run((sleepOn) => gate.wait(sleepOn));
        }
        const debug = options.log?.enabled('debug') ? options.log : undefined;
        const started = debug ? clock.now() : 0;
        try {
          const response = await http.send(request, options);
          if (debug) logAttempt(debug, request, retriesDone + 1, started, clock, response);
          return response;
        } catch (error) {
          if (debug) logAttempt(debug, request, retriesDone + 1, started, clock, error);
          failed = { error };
        }
      }
      const { error } = failed;
      failed = undefined;
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
      if (options.log) logRetry(options.log, request, retriesDone + 1, decision.delay, error, error instanceof RateLimitError);
      options.onRetry?.({ method: request.method, path: request.path, retry: retriesDone + 1, delay: decision.delay, error });
      sleeps ??= new Sleeps(request, options);
      await sleeps.run((sleepOn) => clock.sleep(decision.delay, sleepOn));
    }
  } finally {
    sleeps?.cleanup();
  }
}

/** The sleeps of one request: each ends on either signal, linked only when a sleep needs both. */
class Sleeps {
  readonly #request: PreparedRequest;
  readonly #signal: AbortSource | undefined;
  readonly #stop: AbortSignal | undefined;
  #linked: LinkedSignal | undefined;

  constructor(request: PreparedRequest, options: Pick<SendOptions, 'signal' | 'stop'>) {
    this.#request = request;
    this.#signal = options.signal;
    this.#stop = options.stop;
  }

  /** Runs one sleep; an abort while sleeping is typed like any other (nothing was in flight). */
  async run(wait: (sleepOn: AbortSignal | undefined) => Promise<void>): Promise<void> {
    try {
      await wait(this.#sleepSignal());
    } catch (reason) {
      const request = this.#request;
      throw errorForAbort(
        reason,
        { idempotencyKey: request.idempotencyKey, taskId: request.taskId, what: `${request.method} ${request.path}` },
        false,
      );
    }
  }

  cleanup(): void {
    this.#linked?.cleanup();
  }

  #sleepSignal(): AbortSignal | undefined {
    const signal = this.#signal;
    const stop = this.#stop;
    if (stop === undefined || stop === signal) return asSignal(signal);
    if (signal === undefined) return stop;
    this.#linked ??= linkSignals([signal, stop]);
    return this.#linked.signal;
  }
}

function withNote(error: unknown, note: string | undefined): unknown {
  if (note && error instanceof Error && !(error instanceof APIUserAbortError)) (error as EvoLinkError).message += ` ${note}`;
  return error;
}

const BODY_IN_LOG = 1_000;

/** One debug line per HTTP attempt: what was sent and what came back (the logger scrubs the key). */
export function logAttempt(
  log: SdkLogger,
  request: PreparedRequest,
  attempt: number,
  started: number,
  clock: Clock,
  outcome: HttpResponse | unknown,
): void {
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

/** One warn line per retry: what failed and how long the client now waits (a 429 pauses the whole client). */
export function logRetry(
  log: SdkLogger,
  request: PreparedRequest,
  retry: number,
  delay: number,
  error: unknown,
  rateLimited: boolean,
): void {
  log.warn(
    rateLimited
      ? `Rate limited on ${request.method} ${request.path}: every request of this client pauses ${delay} ms`
      : `Retrying ${request.method} ${request.path} in ${delay} ms`,
    {
      retry,
      delay,
      error: error instanceof Error ? error.message : String(error),
      idempotencyKey: request.idempotencyKey,
      taskId: request.taskId,
    },
  );
}

/**
 * A client-wide pause shared by every request: after a 429 the whole client holds off until the server's
 * `Retry-After` (or the backoff) has passed, so a thousand pollers do not hammer a rate-limited gateway.
 * Waiters are released with a small random spread instead of all at the same instant.
 */
export class RateGate {
  #until = 0;
  readonly #clock: Clock;
  readonly #random: () => number;

  constructor(clock: Clock = systemClock, random: () => number = Math.random) {
    this.#clock = clock;
    this.#random = random;
  }

  /** Holds every request back for at least `ms` milliseconds from now. */
  pause(ms: number): void {
    this.#until = Math.max(this.#until, this.#clock.now() + ms);
  }

  /** Milliseconds until requests may be sent again (0 when open). */
  get remaining(): number {
    return Math.max(0, this.#until - this.#clock.now());
  }

  /** Resolves when the gate is open; rejects with the signal's reason if it fires first. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.remaining; left > 0; left = this.remaining) {
      const spread = this.#random() * Math.min(1_000, left * 0.2);
      await this.#clock.sleep(left + spread, signal);
    }
  }
}
