import type { Readable } from 'node:stream';
import { type Dispatcher, request } from 'undici';
import { type RequestDispatcher, wireFromDispatcher } from './dispatcher-wire.js';
import { isNodeOwnFetch } from './runtime.js';
import type { FetchInit, StreamClientConfig } from './stream-client.js';
import type { FetchLike } from './wire.js';

/**
 * The stream client's `sendDirect` on Node.js: a stream body through undici's `request()` when fetch is Node's own and
 * there is a dispatcher to send with (a replaced global fetch, msw or nock or a spy, must see uploads too; your
 * `fetch` option always does). Everything else goes through fetch.
 */
export function undiciUploads(fetchOption: FetchLike | undefined, useUndici: boolean): StreamClientConfig['sendDirect'] {
  if (fetchOption !== undefined || !useUndici) return undefined;
  return (url, init, dispatcher) =>
    typeof init.body === 'object' && dispatcher !== undefined && isNodeOwnFetch(globalThis.fetch)
      ? undiciRequest(url, init as FetchInit & { body: AsyncIterable<Uint8Array> }, dispatcher).then(wireFromDispatcher)
      : undefined;
}

/**
 * A stream-bodied request sent with undici's `request()`, the body the async iterable itself: undici writes each chunk
 * to the socket and waits for it to drain, with no stream between (fetch would also hold every chunk).
 */
function undiciRequest(
  url: string,
  init: FetchInit & { body: AsyncIterable<Uint8Array> },
  dispatcher: unknown,
): ReturnType<RequestDispatcher['request']> {
  return request(url, {
    method: init.method as 'POST',
    headers: init.headers,
    // Documented (`body: … | AsyncIterable`) and supported at run time, though undici's types leave it out.
    body: init.body as unknown as Readable,
    signal: init.signal,
    dispatcher: dispatcher as Dispatcher,
  }) as ReturnType<RequestDispatcher['request']>;
}
