import { APIConnectionError, InvalidResponseError, type RequestContext } from '../errors/index.js';
import { linkSignals } from '../internal/abort.js';
import type { Clock } from '../internal/clock.js';
import { redact } from '../internal/redact.js';
import { safeJsonParse } from '../internal/safe-json.js';
import type { PreparedRequest } from '../request/build-request.js';
import { AttemptTimedOut, errorForAbort } from './abort-reasons.js';
import { failedBeforeSending } from './classify-network-error.js';
import type { ErrorFormat } from '../providers/error-format.js';
import { errorFromResponse } from './error-from-response.js';
import { BodyTooLargeError, readBodyCapped } from './read-body.js';
import type { Slots } from './slots.js';

/**
 * A `fetch`-compatible function. The SDK passes its undici `dispatcher` in `init` when it has one (cast: the npm
 * undici `Dispatcher` type differs from the one bundled in Node's typings).
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Everything the transport needs, resolved once by the client. */
export interface HttpClientConfig {
  baseURL: string;
  /** Only to redact it from anything derived from a response; the header itself is built by `buildRequest`. */
  apiKey: string;
  /** Replaces the transport; resolved at call time when absent so that msw and other fetch patches apply. */
  fetch: FetchLike | undefined;
  /** Gives the `dispatcher` passed to fetch (ignored by runtimes without undici, such as Deno). */
  getDispatcher: () => unknown;
  /** The SDK's own pool's slots; `undefined` with your own `fetch` or `dispatcher`. */
  slots: Slots | undefined;
  maxResponseBytes: number;
  clock: Clock;
  /** How the gateway's error bodies read. @default EvoLink's */
  errors?: ErrorFormat | undefined;
}

/** A successful (2xx) response with its JSON body. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  data: unknown;
  requestId: string | undefined;
}

/** Per-attempt controls. */
export interface AttemptOptions {
  /** The operation's signal: the caller's signal, the client's close and any deadline, already linked. */
  signal?: AbortSignal | undefined;
  /** Milliseconds for this attempt, from sending to the last byte of the body; `0` for none. */
  timeout: number;
}

const MAX_REDIRECTS = 5;

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
    if (g.setImmediate) g.setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/** Response headers as a plain object, with the key redacted in case a proxy echoes it back. */
function headersToRecord(headers: Headers, secret: string): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = redact(value, secret);
  });
  return out;
}

function isJsonContentType(value: string | undefined): boolean {
  return value === undefined || /^application\/([\w.+-]*\+)?json\b/i.test(value.trim()) || value.trim() === '';
}

/**
 * Sends single HTTP attempts of prepared requests: precise per-attempt timeout, byte-capped body, same-origin
 * redirects only, and every failure mapped to a typed error. Retries live one layer up; headers and body are built by
 * `buildRequest` and sent as they are. The API key is held in a private field: it is not visible to `util.inspect`,
 * `JSON.stringify` or errors.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;

  constructor(config: HttpClientConfig) {
    this.#config = config;
  }

  /** Sends one attempt; resolves with a 2xx response or rejects with a typed `EvoLinkError`. */
  async send(request: PreparedRequest, options: AttemptOptions): Promise<HttpResponse> {
    const what = `${request.method} ${request.path}`;
    const context: RequestContext & { what: string } = { idempotencyKey: request.idempotencyKey, taskId: request.taskId, what };
    const { signal } = options;
    if (signal?.aborted) throw errorForAbort(signal.reason, context, false);
    let release: () => void = () => {};
    if (this.#config.slots) {
      try {
        release = await this.#config.slots.acquire(signal);
      } catch (reason) {
        throw errorForAbort(reason, context, false);
      }
    }
    // The attempt's own signal: the operation's, plus this attempt's timer (started now that it is being sent).
    const attempt = linkSignals([signal]);
    const timer = new AbortController();
    if (options.timeout > 0) {
      this.#config.clock.sleep(options.timeout, timer.signal).then(
        () => attempt.abort(new AttemptTimedOut(options.timeout)),
        () => {},
      );
    }
    try {
      return await this.#exchange(request, attempt.signal, context);
    } finally {
      timer.abort();
      attempt.cleanup();
      release();
    }
  }

  async #exchange(request: PreparedRequest, signal: AbortSignal, context: RequestContext & { what: string }): Promise<HttpResponse> {
    const fail = (error: unknown, stage: 'connect' | 'body', ctx: RequestContext & { what: string }): Error => {
      const beforeSending = stage === 'connect' && failedBeforeSending(error);
      if (signal.aborted) return errorForAbort(signal.reason, ctx, !beforeSending);
      const problem = stage === 'body' ? 'The connection broke while reading the response' : 'Could not reach the API';
      return new APIConnectionError(`${problem} (${ctx.what}): ${this.#describe(error)}`, {
        requestId: ctx.requestId,
        idempotencyKey: ctx.idempotencyKey,
        taskId: ctx.taskId,
        cause: error,
        mayHaveReachedServer: !beforeSending,
      });
    };
    let url = `${this.#config.baseURL}${request.path}`;
    for (let redirects = 0; ; redirects++) {
      let response: Response;
      try {
        response = await this.#fetch(url, request, signal);
      } catch (error) {
        throw fail(error, 'connect', context);
      }
      const headers = headersToRecord(response.headers, this.#config.apiKey);
      const ctx = { ...context, requestId: headers['x-request-id'] ?? headers['x-oneapi-request-id'] };
      if (response.status >= 300 && response.status < 400 && headers.location !== undefined) {
        await response.body?.cancel().catch(() => {});
        url = this.#followRedirect(url, headers.location, response.status, redirects, ctx);
        continue;
      }
      let text: string;
      try {
        text = await readBodyCapped(response, this.#config.maxResponseBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw fail(error, 'body', ctx);
        if (response.ok) {
          throw new InvalidResponseError(`The ${ctx.what} response was larger than ${this.#config.maxResponseBytes} bytes and was discarded.`, {
            ...ctx,
            status: response.status,
            reason: 'too_large',
          });
        }
        text = error.partial;
      }
      // undici hands the socket back to its pool one macrotask after the body ends; yielding here lets the
      // caller's next request reuse it instead of opening a second connection.
      await yieldToEventLoop();
      text = redact(text, this.#config.apiKey);
      if (!response.ok) throw errorFromResponse(response.status, headers, text, ctx, this.#config.errors);
      return { status: response.status, headers, data: this.#parse(text, headers, response.status, ctx), requestId: ctx.requestId };
    }
  }

  async #fetch(url: string, request: PreparedRequest, signal: AbortSignal): Promise<Response> {
    const dispatcher = await this.#config.getDispatcher();
    const init = {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      signal,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(dispatcher === undefined ? {} : { dispatcher }),
    };
    // Resolve the global at call time: test tools such as msw replace it after the SDK is imported.
    const fetchImpl = this.#config.fetch ?? (globalThis.fetch as FetchLike);
    return fetchImpl(url, init as RequestInit);
  }

  /** Follows a redirect only within the API's own origin, so the key never travels elsewhere. */
  #followRedirect(current: string, location: string, status: number, redirects: number, ctx: RequestContext): string {
    const target = URL.canParse(location, current) ? new URL(location, current) : new URL('invalid:');
    const origin = new URL(this.#config.baseURL).origin;
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

  #parse(text: string, headers: Record<string, string>, status: number, ctx: RequestContext & { what: string }): unknown {
    if (!isJsonContentType(headers['content-type'])) {
      throw new InvalidResponseError(`Expected JSON from ${ctx.what} but got content-type ${headers['content-type']}.`, {
        ...ctx,
        status,
        reason: 'unexpected_content_type',
      });
    }
    try {
      return safeJsonParse(text);
    } catch (cause) {
      throw new InvalidResponseError(`The ${ctx.what} response is not valid JSON (${text.length} characters).`, {
        ...ctx,
        status,
        reason: 'invalid_json',
        cause,
      });
    }
  }

  #describe(error: unknown): string {
    const parts: string[] = [];
    for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
      const { code, message } = e as { code?: unknown; message?: unknown };
      const piece = [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : undefined].filter(Boolean).join(' ');
      if (piece && !parts.includes(piece)) parts.push(piece);
    }
    return redact(parts.join(' <- ') || String(error), this.#config.apiKey);
  }
}
