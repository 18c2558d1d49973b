import type { EventEmitter } from 'node:events';
import type { AbortSource } from '../internal/abort.js';
import type { PreparedRequest } from '../request/build-request.js';
import type { AttemptAbort } from './attempt-abort.js';
import { type DispatchingClient, sendViaConnection } from './connection.js';
import { type RequestDispatcher, sendViaDispatcher } from './dispatcher-wire.js';
import type { WireAttempt, WireSource } from './http-client.js';
import type { Lease } from './own-pool.js';
import type { Route, Router } from './route.js';
import { sendViaFetch, type WireResponse } from './wire.js';

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
