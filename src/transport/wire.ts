import type { PreparedRequest } from '../request/build-request.js';
import { type BodyStream, readBodyCapped, readStreamCapped } from './read-body.js';

/**
 * A `fetch`-compatible function. With a `fetch` option and a `dispatcher` option together, the dispatcher is passed
 * to your fetch in `init.dispatcher` (you paired them).
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What the SDK calls on an undici dispatcher (an `Agent`, `Client`, `ProxyAgent`, `MockAgent` of undici 6, 7 or 8). */
export interface RequestDispatcher {
  request(options: {
    origin: string;
    path: string;
    method: string;
    headers: Record<string, string>;
    body?: string | undefined;
    /** An `EventEmitter` that emits `abort` (undici's `request()` accepts one). */
    signal: unknown;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body: BodyStream & { dump?(): Promise<unknown> };
  }>;
}

/** A response as received, before its body is read: the same shape whichever way it was sent. */
export interface WireResponse {
  status: number;
  /** Lower-case names, repeated headers joined with `, `; not yet redacted. */
  headers: Record<string, string>;
  /**
   * Reads the body as text, decoded (`Content-Encoding`), at most `limit` bytes before and after decoding (else
   * `BodyTooLargeError`, and the connection is dropped); `BodyDecodeError` when it does not decode.
   */
  text(limit: number): Promise<string>;
  /** Drops the body unread (a redirect's). */
  discard(): Promise<void>;
}

/** Sends through an undici dispatcher's own `request()` API (never through another undici's fetch). */
export async function sendViaDispatcher(
  dispatcher: RequestDispatcher,
  origin: string,
  path: string,
  request: PreparedRequest,
  signal: unknown,
): Promise<WireResponse> {
  return wireFromDispatcher(
    await dispatcher.request({ origin, path, method: request.method, headers: request.headers, body: request.body, signal }),
  );
}

/** An undici `request()` answer as a {@link WireResponse}: its body is read with {@link readStreamCapped}, which decodes it. */
export function wireFromDispatcher(answer: Awaited<ReturnType<RequestDispatcher['request']>>): WireResponse {
  const { statusCode, headers: raw, body } = answer;
  const headers: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return {
    status: statusCode,
    headers,
    text: (limit) => readStreamCapped(body, headers, limit),
    discard: async () => {
      if (body.dump) await body.dump().catch(() => {});
      else body.destroy();
    },
  };
}

/** Sends through a fetch function; `dispatcher` goes into `init` when given (for Node's fetch, or yours). */
export async function sendViaFetch(
  fetchImpl: FetchLike,
  url: string,
  request: PreparedRequest,
  signal: AbortSignal,
  dispatcher: unknown,
): Promise<WireResponse> {
  // A plain object: `dispatcher` is typed differently by each undici copy's RequestInit.
  const init: Record<string, unknown> = { method: request.method, headers: request.headers, redirect: 'manual', signal };
  if (request.body !== undefined) init.body = request.body;
  if (dispatcher !== undefined) init.dispatcher = dispatcher;
  return wireFromFetch(await fetchImpl(url, init as RequestInit));
}

/** A fetch `Response` as a {@link WireResponse} (its body already decoded by fetch). */
export function wireFromFetch(response: Response): WireResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return {
    status: response.status,
    headers,
    text: (limit) => readBodyCapped(response, limit),
    discard: async () => {
      await response.body?.cancel().catch(() => {});
    },
  };
}
