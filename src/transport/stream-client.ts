import { APIConnectionError, InvalidResponseError } from '../errors/index.js';
import type { RequestContext } from '../errors/api-error.js';
import { linkSignals } from '../internal/abort.js';
import type { Clock } from '../internal/clock.js';
import { idleTimer } from '../internal/idle-timer.js';
import { redact, scrubError } from '../internal/redact.js';
import type { PreparedRequest } from '../request/build-request.js';
import { AttemptTimedOut, errorForAbort } from './attempt-abort.js';
import { failedBeforeSending, type AttemptOptions, type FetchLike } from './http-client.js';
import { answerHead, type HttpResponse, readAnswer } from './read-answer.js';
import { type WireResponse, wireFromFetch } from './wire.js';

/** The fetch options this transport uses. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string | AsyncIterable<Uint8Array> | undefined;
  signal: AbortSignal;
  redirect: 'manual' | 'follow';
}

/** A request body sent as a stream, with its exact length (sent as `Content-Length`). */
export interface StreamBody {
  /** The bytes in order, read as the socket takes them. */
  chunks: AsyncIterable<Uint8Array>;
  length: number;
}

/** What the streaming transport needs, resolved once by the client. */
export interface StreamClientConfig {
  /** Replaces the transport; resolved at call time when absent. */
  fetch: FetchLike | undefined;
  /** Gives the `dispatcher` passed to fetch (the client's pool, or yours). */
  getDispatcher: () => unknown;
  clock: Clock;
  /**
   * Sends an API request another way than fetch when it should (`undefined`: through fetch). On Node.js, stream bodies
   * go through undici's `request()` (`undiciUploads()` in `node-wires.ts`): fetch keeps every chunk of a streamed request body alive
   * until the request ends (measured: a 100 MB upload held 100 MB), `request()` does not. The edge build has none.
   */
  sendDirect?: ((url: string, init: FetchInit, dispatcher: unknown) => Promise<WireResponse> | undefined) | undefined;
  /** The API key, only to redact it from anything derived from a response. */
  secret: string;
  maxResponseBytes: number;
}

/**
 * The transport for requests whose bodies are streams, and for downloads: uploads to EvoLink's files API (prepared by
 * `buildRequest`, like every API request) and credential-free GETs of result links. `timeout` here is an idle
 * timeout: an upload of 100 MB may take minutes, but not a minute without a byte moving.
 */
export class StreamClient {
  readonly #config: StreamClientConfig;

  constructor(config: StreamClientConfig) {
    this.#config = config;
  }

  /**
   * Sends one attempt of an API request to `origin`, with the JSON body of `request` or a stream from `body()`, and
   * resolves with its 2xx JSON answer. Redirects are not followed (the key stays with `origin`, and a stream cannot
   * be replayed). An error of the body stream itself (a file that cannot be read) is rethrown as it is.
   */
  async send(
    origin: string,
    request: PreparedRequest,
    body: (() => StreamBody) | undefined,
    options: AttemptOptions,
  ): Promise<HttpResponse> {
    const what = `${request.method} ${request.path}`;
    const context: RequestContext = { idempotencyKey: request.idempotencyKey, taskId: request.taskId };
    if (options.signal?.aborted) throw errorForAbort(options.signal.reason, { ...context, what }, false);
    const attempt = linkSignals([options.signal]);
    const idle = idleTimer(this.#config.clock, options.timeout, () => attempt.abort(new AttemptTimedOut(options.timeout)));
    let bodyError: unknown;
    try {
      const headers = { ...request.headers };
      let payload: string | AsyncIterable<Uint8Array> | undefined = request.body;
      if (body) {
        const { chunks, length } = body();
        headers['content-length'] = String(length);
        payload = watched(chunks, idle.touch, (error) => {
          bodyError = error;
        });
      }
      let wire: WireResponse;
      try {
        wire = await this.#exchange(`${origin}${request.path}`, {
          method: request.method,
          headers,
          body: payload,
          signal: attempt.signal,
          redirect: 'manual',
        });
      } catch (error) {
        if (bodyError !== undefined) throw bodyError;
        throw this.#connectionError(error, attempt.signal, { ...context, what }, !failedBeforeSending(error));
      }
      idle.touch();
      return await this.#readAnswer(wire, origin, { ...context, what }, attempt.signal);
    } finally {
      idle.stop();
      attempt.cleanup();
    }
  }

  /**
   * A GET (or a HEAD) of `url` with exactly `headers` and nothing else from the SDK (no key, no SDK header): for result
   * links and checked media URLs, which live on other hosts. Redirects are followed (nothing secret goes with them).
   */
  open(url: string, headers: Record<string, string>, signal: AbortSignal, method: 'GET' | 'HEAD' = 'GET'): Promise<Response> {
    return this.#fetch(url, { method, headers, signal, redirect: 'follow' });
  }

  /** Sends an API request: through {@link StreamClientConfig.sendDirect} when it takes it, else through fetch. */
  async #exchange(url: string, init: FetchInit): Promise<WireResponse> {
    const direct = this.#config.sendDirect?.(url, init, this.#config.getDispatcher());
    return direct ? await direct : wireFromFetch(await this.#fetch(url, init));
  }

  async #fetch(url: string, init: FetchInit): Promise<Response> {
    const dispatcher = this.#config.getDispatcher();
    const { body, ...rest } = init;
    // A stream body needs duplex: 'half' (Node's fetch refuses it otherwise).
    const options = {
      ...rest,
      ...(body === undefined ? {} : typeof body === 'string' ? { body } : { body: toWebStream(body), duplex: 'half' }),
      ...(dispatcher === undefined ? {} : { dispatcher }),
    };
    const fetchImpl = this.#config.fetch ?? (globalThis.fetch as FetchLike);
    return fetchImpl(url, options as RequestInit);
  }

  async #readAnswer(
    wire: WireResponse,
    origin: string,
    ctx: RequestContext & { what: string },
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    const { requestId } = answerHead(wire, this.#config.secret);
    const context = { ...ctx, requestId };
    if (wire.status >= 300 && wire.status < 400) {
      await wire.discard();
      throw new InvalidResponseError(
        `${ctx.what} answered ${wire.status} with a redirect; it was not followed, so the API key stays with ${origin}.`,
        { ...context, status: wire.status, reason: 'redirect' },
      );
    }
    return readAnswer(wire, context, {
      secret: this.#config.secret,
      maxResponseBytes: this.#config.maxResponseBytes,
      bodyError: (error) => this.#connectionError(error, signal, context, true),
    });
  }

  #connectionError(error: unknown, signal: AbortSignal, ctx: RequestContext & { what: string }, inFlight: boolean): Error {
    if (signal.aborted) return errorForAbort(signal.reason, ctx, inFlight);
    const detail = redact(
      error instanceof Error ? `${(error.cause as Error | undefined)?.message ?? error.message}` : String(error),
      this.#config.secret,
    );
    return new APIConnectionError(`The connection failed (${ctx.what}): ${detail}`, {
      ...ctx,
      cause: scrubError(error, this.#config.secret),
      mayHaveReachedServer: inFlight,
    });
  }
}

/** Passes a body through, touching the idle timer on every chunk and reporting the source's own error. */
async function* watched(
  source: AsyncIterable<Uint8Array>,
  touch: () => void,
  onError: (error: unknown) => void,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of source) {
      touch();
      yield chunk;
    }
  } catch (error) {
    onError(error);
    throw error;
  }
  touch();
}

/** A pull stream over an async iterable, for fetch: one chunk per pull; cancelling it ends the iteration. */
function toWebStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: async (reason) => {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
