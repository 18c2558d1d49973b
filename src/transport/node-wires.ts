import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { type Dispatcher, request } from 'undici';
import type { AbortSource } from '../internal/abort.js';
import type { PreparedRequest } from '../request/build-request.js';
import type { AttemptAbort } from './attempt-abort.js';
import { type DispatchingClient, sendViaConnection } from './connection.js';
import { readStreamCapped } from './decode-body.js';
import type { WireAttempt, WireSource } from './http-client.js';
import type { Lease } from './own-pool.js';
import type { RequestDispatcher, Route, Router } from './route.js';
import { isNodeOwnFetch } from './runtime.js';
import type { FetchInit, StreamClientConfig } from './stream-client.js';
import { type FetchLike, sendViaFetch, type WireResponse } from './wire.js';

// The Node.js ways out: an API attempt by fetch, by a dispatcher's own request() or over a connection of the SDK's pool
// (NodeWires), and a streamed upload body through undici's request() (undiciUploads).

type EmitterClass = typeof EventEmitter;
let Emitter: EmitterClass | undefined;

/** Node's `EventEmitter`, loaded on first use: importing the SDK does not pay for it, and only the dispatcher route needs it. */
function emitterClass(): EmitterClass {
  Emitter ??= (process.getBuiltinModule('node:events') as typeof import('node:events')).EventEmitter;
  return Emitter;
}

const noop = (): void => {};

/**
 * The Node.js ways an attempt is sent, chosen by the {@link Router} at call time: a fetch (yours, or a replaced
 * global one), a dispatcher's own `request()`, or a connection lent by the SDK's pool (which may wait for one).
 */
export class NodeWires implements WireSource {
  readonly #router: Router;
  readonly #maxResponseBytes: number;

  constructor(router: Router, maxResponseBytes: number) {
    this.#router = router;
    this.#maxResponseBytes = maxResponseBytes;
  }

  open(signal: AbortSource | undefined): WireAttempt | Promise<WireAttempt> {
    const route = this.#router.choose();
    if (!route.pool) return this.#way(route, undefined);
    const lease = route.pool.tryAcquire();
    return lease ? this.#way(route, lease) : route.pool.acquire(signal).then((borrowed) => this.#way(route, borrowed));
  }

  #way(route: Route, lease: Lease | undefined): WireAttempt {
    const maxResponseBytes = this.#maxResponseBytes;
    if (route.fetch) {
      const dispatcher = lease?.client ?? route.dispatcher;
      return {
        abortKind: 'fetch',
        send: (origin, path, request, attempt) =>
          sendViaFetch(route.fetch, origin + path, request, attempt.signal as AbortSignal, dispatcher),
        release: lease ? () => lease.release() : noop,
      };
    }
    if (lease) {
      return {
        abortKind: 'none',
        send: (_origin, path, request, attempt) =>
          sendViaConnection(lease.client as DispatchingClient, path, request, attempt, maxResponseBytes),
        release: () => lease.release(),
      };
    }
    const dispatcher = route.dispatcher as RequestDispatcher;
    return {
      abortKind: new (emitterClass())(),
      send: (origin: string, path: string, request: PreparedRequest, attempt: AttemptAbort): Promise<WireResponse> =>
        sendViaDispatcher(dispatcher, origin, path, request, attempt.signal),
      release: noop,
    };
  }
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
