import { Dispatcher } from 'undici';
import { userGlobalDispatcher, isNodeOwnFetch, runtimeAcceptsDispatcher } from './runtime.js';
import type { OwnPool } from './own-pool.js';
import type { BodyStream } from './decode-body.js';
import type { FetchLike } from './wire.js';

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

/**
 * How one attempt is sent: through a fetch function (with `dispatcher` in its `init`), or through a dispatcher's own
 * `request()`. With `pool`, the SDK's own pool lends the connection, which is then the dispatcher.
 */
export type Route =
  | { fetch: FetchLike; dispatcher?: unknown; pool?: OwnPool | undefined }
  | { fetch?: undefined; dispatcher: RequestDispatcher; pool?: undefined }
  | { fetch?: undefined; dispatcher?: undefined; pool: OwnPool };

/** The client's transport options, checked at construction. */
export interface TransportOptions {
  fetch: FetchLike | undefined;
  dispatcher: unknown;
}

/**
 * Chooses how each attempt is sent, at call time (test tools patch globals after the SDK is imported):
 * 1. your `fetch` option (with your `dispatcher` in `init`, if you gave both);
 * 2. your `dispatcher` option, through its own `request()`: an undici 8 `ProxyAgent` or `MockAgent` works on any Node;
 * 3. off Node.js (Deno, Bun): the global `fetch`, with the runtime's own proxy settings;
 * 4. a replaced global `fetch` (msw, nock, a spy, a tracing wrapper): that fetch, so it sees every request; the SDK's
 *    pool goes along in `init.dispatcher`, unless a global dispatcher is set, which that fetch then uses;
 * 5. a global dispatcher you (or `NODE_USE_ENV_PROXY`) installed: through its own `request()`;
 * 6. otherwise the SDK's own pool, with undici's `request()`: no web streams, much cheaper than Node's fetch.
 */
export class Router {
  /** The route when it does not depend on globals (options 1–3). */
  readonly #fixed: Route | undefined;
  readonly #poolRoute: Route & { pool: OwnPool };
  /** The route through a replaced global fetch, kept while that fetch stays the same. */
  #patched: (Route & { fetch: FetchLike }) | undefined;

  constructor(options: TransportOptions, pool: OwnPool) {
    this.#poolRoute = { pool };
    if (options.fetch) this.#fixed = { fetch: options.fetch, dispatcher: options.dispatcher };
    else if (options.dispatcher !== undefined) this.#fixed = { dispatcher: asRequestDispatcher(options.dispatcher) };
    else if (!runtimeAcceptsDispatcher()) this.#fixed = { fetch: (input, init) => globalThis.fetch(input, init) };
  }

  /** `true` when the SDK's own pool may be used (Node.js, no `fetch` or `dispatcher` option). */
  get usesPool(): boolean {
    return this.#fixed === undefined;
  }

  /** The route for the next attempt. */
  choose(): Route {
    if (this.#fixed) return this.#fixed;
    const globalFetch = globalThis.fetch;
    const globalDispatcher = userGlobalDispatcher();
    if (!isNodeOwnFetch(globalFetch)) {
      if (globalDispatcher !== undefined) return { fetch: globalFetch };
      if (this.#patched?.fetch !== globalFetch) this.#patched = { fetch: globalFetch, pool: this.#poolRoute.pool };
      return this.#patched;
    }
    return globalDispatcher === undefined ? this.#poolRoute : { dispatcher: asRequestDispatcher(globalDispatcher) };
  }
}

/**
 * A dispatcher's own `request()`; a bare `Dispatcher` with only `dispatch()` borrows undici's implementation of it,
 * which calls that `dispatch()`.
 */
function asRequestDispatcher(dispatcher: unknown): RequestDispatcher {
  if (typeof (dispatcher as Partial<RequestDispatcher>).request === 'function') return dispatcher as RequestDispatcher;
  return {
    request: async (options) => Dispatcher.prototype.request.call(dispatcher as never, options as never) as never,
  };
}
