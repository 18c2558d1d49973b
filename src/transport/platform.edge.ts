import { HttpClient, type WireAttempt, type WireSource } from './http-client.js';
import type { StreamClient } from './stream-client.js';
import type { Transport, TransportSettings } from './transport.js';
import { type FetchLike, sendViaFetch } from './wire.js';

/**
 * The edge build's transport (Cloudflare Workers, Vercel Edge, browsers): every request through `fetch`, yours or the
 * global one. The same `HttpClient` as on Node.js (timeouts, same-origin redirects, typed errors, the shared answer
 * reader), on the fetch wires instead of undici's; uploads and downloads through the same `StreamClient`, on fetch.
 * Replaces platform.ts in the edge build (see tsup.config.ts).
 */
export function createTransport(settings: TransportSettings): Transport {
  let streams: Promise<StreamClient> | undefined;
  return {
    http: new HttpClient({ ...settings, wires: fetchWires(settings.fetch) }),
    streams: () =>
      (streams ??= import('./stream-client.js').then(
        ({ StreamClient }) =>
          new StreamClient({
            fetch: settings.fetch,
            getDispatcher: () => undefined,
            clock: settings.clock,
            secret: settings.apiKey,
            maxResponseBytes: settings.maxResponseBytes,
          }),
      )),
    close: async () => {},
  };
}

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * Every attempt through one fetch: your `fetch` option, else the global `fetch` as it is at call time (so a test tool
 * or a tracing wrapper installed later is seen). The transport of the edge build: no pool, no dispatcher, no Node.js.
 */
function fetchWires(fetchOption: FetchLike | undefined): WireSource {
  const way: WireAttempt = {
    abortKind: 'fetch',
    send: (origin, path, request, attempt) =>
      sendViaFetch(fetchOption ?? globalFetch, origin + path, request, attempt.signal as AbortSignal, undefined),
    release: () => {},
  };
  return { open: () => way };
}
