import type { PreparedRequest } from '../request/build-request.js';

/**
 * A `fetch`-compatible function. With a `fetch` option and a `dispatcher` option together, the dispatcher is passed
 * to your fetch in `init.dispatcher` (you paired them).
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

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

/** Thrown when a body exceeds its byte cap; the stream has been cancelled. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly partial: string,
  ) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** Thrown when a body's `Content-Encoding` is not one the SDK decodes, or its bytes do not decode. */
export class BodyDecodeError extends Error {
  constructor(
    readonly encoding: string,
    options?: { cause?: unknown },
  ) {
    super(`response body could not be decoded (content-encoding ${encoding})`, options);
  }
}

/** `true` when a `content-length` header already announces more than `limit` bytes. */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength);
  return contentLength != null && Number.isFinite(declared) && declared > limit;
}

/**
 * Reads a fetch `Response` body (which fetch has already decoded) as UTF-8 text without ever holding more than
 * `limit` bytes: past the cap the stream is cancelled (closing the connection) and {@link BodyTooLargeError} is thrown
 * with what was read so far. The decoder drops a leading byte order mark.
 */
export async function readBodyCapped(response: Response, limit: number): Promise<string> {
  const body = response.body;
  if (!body) return '';
  if (declaredTooLarge(response.headers.get('content-length'), limit)) {
    await body.cancel().catch(() => {});
    throw new BodyTooLargeError(limit, '');
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit, text);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
