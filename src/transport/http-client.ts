import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InvalidResponseError,
  type RequestContext,
} from '../errors/index.js';
import { redact } from '../internal/redact.js';
import { safeJsonParse } from '../internal/safe-json.js';
import { failedBeforeSending } from './classify-network-error.js';
import { errorFromResponse } from './error-from-response.js';
import { BodyTooLargeError, readBodyCapped } from './read-body.js';
import { linkSignals, timeoutController } from './signals.js';

/**
 * A `fetch`-compatible function. The SDK passes its undici `dispatcher` in `init` when it has one (cast: the npm
 * undici `Dispatcher` type differs from the one bundled in Node's typings).
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Everything the transport needs, resolved once by the client. */
export interface HttpClientConfig {
  baseURL: string;
  apiKey: string;
  /** Replaces the transport; resolved at call time when absent so that msw and other fetch patches apply. */
  fetch: FetchLike | undefined;
  /**
   * Gives the `dispatcher` passed to fetch (ignored by runtimes without undici, such as Deno); called per request, so
   * the caller decides when to create it and caches it.
   */
  getDispatcher: () => unknown;
  headers: Record<string, string>;
  maxResponseBytes: number;
}

/** One HTTP request, described without transport details. */
export interface HttpRequest extends RequestContext {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
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
  signal?: AbortSignal | undefined;
  /** Milliseconds for this attempt, from sending to the last byte of the body. */
  timeout?: number | undefined;
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
 * Sends single HTTP attempts to the EvoLink API: authorization, precise per-attempt timeout, byte-capped body,
 * same-origin redirects only, and every failure mapped to a typed error. Retries live one layer up.
 * The API key is held in a private field: it is not visible to `util.inspect`, `JSON.stringify` or errors.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;

  constructor(config: HttpClientConfig) {
    this.#config = config;
  }

  /** The configured base URL (never includes credentials). */
  get baseURL(): string {
    return this.#config.baseURL;
  }

  /** Sends one attempt; resolves with a 2xx response or rejects with a typed `EvoLinkError`. */
  async send(request: HttpRequest, options: AttemptOptions = {}): Promise<HttpResponse> {
    const context: RequestContext = { idempotencyKey: request.idempotencyKey, taskId: request.taskId };
    const userSignal = options.signal;
    if (userSignal?.aborted) throw new APIUserAbortError(userSignal.reason, context);
    const timer = timeoutController(options.timeout);
    const linked = linkSignals([userSignal, timer.signal]);
    const fail = (error: unknown, stage: 'connect' | 'body', ctx: RequestContext): Error => {
      if (userSignal?.aborted) return new APIUserAbortError(userSignal.reason, ctx);
      if (timer.signal?.aborted) {
        return new APITimeoutError(
          `Request timed out after ${options.timeout} ms (${request.method} ${request.path}); raise the timeout option if the API is slow.`,
          { ...ctx, cause: error, timeout: options.timeout ?? 0, mayHaveReachedServer: true },
        );
      }
      const beforeSending = stage === 'connect' && failedBeforeSending(error);
      const what = stage === 'body' ? 'The connection broke while reading the response' : 'Could not reach the EvoLink API';
      return new APIConnectionError(`${what} (${request.method} ${request.path}): ${this.#describe(error)}`, {
        ...ctx,
        cause: error,
        mayHaveReachedServer: !beforeSending,
      });
    };
    try {
      let url = `${this.#config.baseURL}${request.path}`;
      for (let redirects = 0; ; redirects++) {
        let response: Response;
        try {
          response = await this.#fetch(url, request, linked.signal);
        } catch (error) {
          throw fail(error, 'connect', context);
        }
        const headers = headersToRecord(response.headers, this.#config.apiKey);
        const ctx: RequestContext = { ...context, requestId: headers['x-request-id'] ?? headers['x-oneapi-request-id'] };
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
            throw new InvalidResponseError(
              `The ${request.method} ${request.path} response was larger than ${this.#config.maxResponseBytes} bytes and was discarded.`,
              { ...ctx, status: response.status, reason: 'too_large' },
            );
          }
          text = error.partial;
        }
        // undici hands the socket back to its pool one macrotask after the body ends; yielding here lets the
        // caller's next request reuse it instead of opening a second connection.
        await yieldToEventLoop();
        text = redact(text, this.#config.apiKey);
        if (!response.ok) throw errorFromResponse(response.status, headers, text, ctx);
        return { status: response.status, headers, data: this.#parse(text, headers, response.status, request, ctx), requestId: ctx.requestId };
      }
    } finally {
      timer.clear();
      linked.cleanup();
    }
  }

  async #fetch(url: string, request: HttpRequest, signal: AbortSignal | undefined): Promise<Response> {
    const dispatcher = await this.#config.getDispatcher();
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.#config.headers,
      ...request.headers,
      authorization: `Bearer ${this.#config.apiKey}`,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
    const init = {
      method: request.method,
      headers,
      redirect: 'manual',
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(signal === undefined ? {} : { signal }),
      ...(dispatcher === undefined ? {} : { dispatcher }),
    };
    // Resolve the global at call time: test tools such as msw replace it after the SDK is imported.
    const fetchImpl = this.#config.fetch ?? (globalThis.fetch as FetchLike);
    return fetchImpl(url, init as RequestInit);
  }

  /** Follows a redirect only within the API's own origin, so the key never travels elsewhere. */
  #followRedirect(current: string, location: string, status: number, redirects: number, ctx: RequestContext): string {
    let target: URL;
    try {
      target = new URL(location, current);
    } catch {
      target = new URL('invalid:');
    }
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

  #parse(text: string, headers: Record<string, string>, status: number, request: HttpRequest, ctx: RequestContext): unknown {
    const where = `${request.method} ${request.path}`;
    if (!isJsonContentType(headers['content-type'])) {
      throw new InvalidResponseError(`Expected JSON from ${where} but got content-type ${headers['content-type']}.`, {
        ...ctx,
        status,
        reason: 'unexpected_content_type',
      });
    }
    try {
      return safeJsonParse(text);
    } catch (cause) {
      throw new InvalidResponseError(`The ${where} response is not valid JSON (${text.length} characters).`, {
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

