import { APIConnectionError, InvalidResponseError } from '../errors/index.js';
import type { RequestContext } from '../errors/api-error.js';
import { type AbortSource, watchAbort } from '../internal/abort.js';
import { type Clock, startTimer } from '../internal/clock.js';
import { holdFakeClock } from '../internal/fake-clock-hold.js';
import { redact, scrubError } from '../internal/redact.js';
import type { PreparedRequest } from '../request/build-request.js';
import { AttemptTimedOut, errorForAbort, AttemptAbort, type AttemptSignalKind } from './attempt-abort.js';
import type { ErrorFormat } from '../errors/from-response.js';
import { answerHead, type HttpResponse, readAnswer } from './read-answer.js';
import type { WireResponse } from './wire.js';

export type { FetchLike } from './wire.js';
export type { HttpResponse } from './read-answer.js';

/** Everything the transport needs, resolved once by the client. */
export interface HttpClientConfig {
  baseURL: string;
  /** Only to redact it from anything derived from a response; the header itself is built by `buildRequest`. */
  apiKey: string;
  /**
   * Where attempts go: on Node.js your fetch or dispatcher, a replaced global fetch, a global dispatcher or the SDK's
   * pool (`node-wires.ts`); on the edge build the fetch (`fetchWires()` in `platform.edge.ts`).
   */
  wires: WireSource;
  maxResponseBytes: number;
  clock: Clock;
  /** How the gateway's error bodies read. @default EvoLink's */
  errors?: ErrorFormat | undefined;
}

/** Per-attempt controls. */
export interface AttemptOptions {
  /** The operation's signal: the caller's signal and any deadline, already linked. */
  signal?: AbortSource | undefined;
  /** A second signal that ends the attempt too (the client's close). */
  stop?: AbortSignal | undefined;
  /** Milliseconds for this attempt, from sending to the last byte of the body; `0` for none. */
  timeout: number;
}

/** One attempt's way to the API: how it is aborted, how it is sent, and what it gives back when done. */
export interface WireAttempt {
  /** What the attempt's abort hands the wire: an `AbortSignal` (fetch), an emitter, or nothing (a pooled connection). */
  readonly abortKind: AttemptSignalKind;
  /** Sends the request to `origin + path` (called again with a redirect's path). */
  send(origin: string, path: string, request: PreparedRequest, attempt: AttemptAbort): Promise<WireResponse>;
  /** Gives back what the attempt borrowed (a connection of the pool); called once, when the attempt is over. */
  release(): void;
}

/** Where attempts go: Node.js's routes (`node-wires.ts`) or the fetch of the edge build (`platform.edge.ts`). */
export interface WireSource {
  /**
   * The next attempt's way, chosen at call time; may wait for a free connection, ending with the signal's reason when
   * it is aborted meanwhile.
   */
  open(signal: AbortSource | undefined): WireAttempt | Promise<WireAttempt>;
}

type Context = RequestContext & { what: string; createsTask?: boolean | undefined };

const MAX_REDIRECTS = 5;

function contextOf(request: PreparedRequest, requestId?: string): Context {
  return {
    idempotencyKey: request.idempotencyKey,
    taskId: request.taskId,
    requestId,
    what: `${request.method} ${request.path}`,
    createsTask: request.createsTask,
  };
}

/**
 * Sends single HTTP attempts of prepared requests: precise per-attempt timeout, byte-capped body, same-origin
 * redirects only, and every failure mapped to a typed error. Retries live one layer up; headers and body are built by
 * `buildRequest` and sent as they are. The API key is held in a private field: it is not visible to `util.inspect`,
 * `JSON.stringify` or errors.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;
  readonly #origin: string;
  /** What `baseURL` adds after its origin (usually nothing), so request paths go below it. */
  readonly #basePath: string;

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.#origin = new URL(config.baseURL).origin;
    this.#basePath = config.baseURL.slice(this.#origin.length);
  }

  /** Sends one attempt; resolves with a 2xx response or rejects with a typed `EvoLinkError`. */
  async send(request: PreparedRequest, options: AttemptOptions): Promise<HttpResponse> {
    const { signal, stop, timeout } = options;
    let way: WireAttempt | undefined;
    try {
      if (stop?.aborted) throw stop.reason;
      const opened = this.#config.wires.open(signal);
      way = opened instanceof Promise ? await opened : opened;
      if (signal?.aborted) throw signal.reason;
      if (stop?.aborted) throw stop.reason;
    } catch (reason) {
      way?.release();
      throw errorForAbort(reason, contextOf(request), false);
    }
    // The attempt's own abort: the operation's signal, plus this attempt's timer (started now that it is being sent).
    const attempt = new AttemptAbort(way.abortKind);
    const unwatchSignal = signal && watchAbort(signal, () => attempt.abort(signal.reason));
    const unwatchStop = stop && stop !== signal ? watchAbort(stop, () => attempt.abort(stop.reason)) : undefined;
    const stopTimer = timeout > 0 ? startTimer(this.#config.clock, timeout, () => attempt.abort(new AttemptTimedOut(timeout))) : undefined;
    // Under a test's fake timers, the clock waits for this attempt's real I/O instead of firing its timeout first.
    const releaseClock = holdFakeClock();
    // One async function for the attempt and its redirects: each more would cost a promise and frame per call.
    try {
      const { apiKey, maxResponseBytes } = this.#config;
      let path = this.#basePath === '' ? request.path : this.#basePath + request.path;
      for (let redirects = 0; ; redirects++) {
        let wire: WireResponse;
        try {
          wire = await way.send(this.#origin, path, request, attempt);
        } catch (error) {
          throw this.#fail(error, 'connect', attempt, contextOf(request));
        }
        const { headers, requestId } = answerHead(wire, apiKey);
        if (wire.status >= 300 && wire.status < 400 && headers.location !== undefined) {
          await wire.discard();
          const target = this.#followRedirect(this.#origin + path, headers.location, wire.status, redirects, contextOf(request, requestId));
          path = target.slice(this.#origin.length);
          continue;
        }
        const ctx = contextOf(request, requestId);
        return await readAnswer(wire, ctx, {
          secret: apiKey,
          maxResponseBytes,
          errors: this.#config.errors,
          bodyError: (error) => this.#fail(error, 'body', attempt, ctx),
        });
      }
    } finally {
      releaseClock();
      stopTimer?.();
      unwatchSignal?.();
      unwatchStop?.();
      way.release();
    }
  }

  /** The typed error for a transport failure: the abort's when the attempt was aborted, else `APIConnectionError`. */
  #fail(error: unknown, stage: 'connect' | 'body', attempt: AttemptAbort, ctx: Context): Error {
    const beforeSending = stage === 'connect' && failedBeforeSending(error);
    if (attempt.aborted) return errorForAbort(attempt.reason, ctx, !beforeSending);
    const problem = stage === 'body' ? 'The connection broke while reading the response' : 'Could not reach the API';
    return new APIConnectionError(`${problem} (${ctx.what}): ${this.#describe(error)}`, {
      requestId: ctx.requestId,
      idempotencyKey: ctx.idempotencyKey,
      taskId: ctx.taskId,
      cause: scrubError(error, this.#config.apiKey),
      mayHaveReachedServer: !beforeSending,
    });
  }

  /** Follows a redirect only within the API's own origin, so the key never travels elsewhere. */
  #followRedirect(current: string, location: string, status: number, redirects: number, ctx: RequestContext): string {
    const target = URL.canParse(location, current) ? new URL(location, current) : new URL('invalid:');
    const origin = this.#origin;
    if (target.origin !== origin || redirects >= MAX_REDIRECTS) {
      throw new InvalidResponseError(
        target.origin !== origin
          ? `The API answered ${status} with a redirect to another origin (${target.origin}); it was not followed so the API key stays with ${origin}. Set baseURL to the address you trust.`
          : `Too many redirects (more than ${MAX_REDIRECTS}).`,
        { ...ctx, status, reason: 'redirect' },
      );
    }
    return target.href;
  }

  #describe(error: unknown): string {
    const parts: string[] = [];
    for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
      const { code, message } = e as { code?: unknown; message?: unknown };
      const piece = [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : undefined]
        .filter(Boolean)
        .join(' ');
      if (piece && !parts.includes(piece)) parts.push(piece);
    }
    return redact(parts.join(' <- ') || String(error), this.#config.apiKey);
  }
}

/** Error codes that mean the request never left this machine, so even a paid POST is safe to resend. */
const PRE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  // An invalid port or URL is refused before any socket exists.
  'ERR_SOCKET_BAD_PORT',
  'ERR_INVALID_URL',
  'UND_ERR_INVALID_ARG',
  // Bun's names for a refused connection or a failed lookup.
  'ConnectionRefused',
  'FailedToOpenSocket',
  'DNSException',
]);

/** Deno reports connect and DNS failures in the message only. */
const PRE_SEND_MESSAGE =
  /connection refused|dns error|failed to lookup address|name or service not known|tcp connect error|invalid port|failed to parse url/i;

/** The `code` of an error or of one of its causes (fetch wraps the real error in `TypeError('fetch failed')`). */
function networkErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * `true` when the failure provably happened before any byte of the request was sent (refused connection, DNS,
 * connect timeout, TLS handshake). Anything else (reset, socket closed, broken body) may have reached the server.
 */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkErrorCode(error);
  if (code !== undefined) return PRE_SEND_CODES.has(code);
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && PRE_SEND_MESSAGE.test(message)) return true;
  }
  return false;
}
