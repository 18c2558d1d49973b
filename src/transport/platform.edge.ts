import { fetchWires } from './fetch-wires.js';
import { HttpClient } from './http-client.js';
import type { StreamClient } from './stream-client.js';
import type { Transport, TransportSettings } from './transport.js';

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
