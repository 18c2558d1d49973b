import type { PreparedRequest } from '../request/build-request.js';
import { readBodyCapped } from './read-body.js';

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
