import { userGlobalDispatcher, runtimeAcceptsDispatcher } from './runtime.js';
import { HttpClient } from './http-client.js';
import { NodeWires, undiciUploads } from './node-wires.js';
import { OwnPool } from './own-pool.js';
import { Router } from './route.js';
import type { StreamClient } from './stream-client.js';
import type { Transport, TransportSettings } from './transport.js';
import { Agent } from 'undici';

// The edge build replaces this file with platform.edge.ts (same exports): see tsup.config.ts.

/**
 * The Node.js transport: the SDK's keep-alive pool to the API (opened only when used) behind the {@link Router}, and
 * for uploads and downloads your dispatcher, a global one you installed, or the SDK's own agent.
 */
export function createTransport(settings: TransportSettings): Transport {
  const pool = new OwnPool({ origin: new URL(settings.baseURL).origin, maxConnections: settings.maxConnections, keepAliveTimeout: 10_000 });
  let streamAgent: { close(): Promise<void> } | undefined;
  const getDispatcher = (): unknown => {
    const theirs = settings.dispatcher ?? userGlobalDispatcher();
    if (theirs !== undefined || settings.fetch !== undefined || !runtimeAcceptsDispatcher()) return theirs;
    streamAgent ??= createStreamAgent();
    return streamAgent;
  };
  const router = new Router({ fetch: settings.fetch, dispatcher: settings.dispatcher }, pool);
  let streams: Promise<StreamClient> | undefined;
  return {
    http: new HttpClient({ ...settings, wires: new NodeWires(router, settings.maxResponseBytes) }),
    // The stream transport loads on the first upload or download, not when the SDK is imported.
    streams: () =>
      (streams ??= import('./stream-client.js').then(
        ({ StreamClient }) =>
          new StreamClient({
            fetch: settings.fetch,
            getDispatcher,
            clock: settings.clock,
            sendDirect: undiciUploads(settings.fetch, runtimeAcceptsDispatcher()),
            secret: settings.apiKey,
            maxResponseBytes: settings.maxResponseBytes,
          }),
      )),
    close: async () => {
      await Promise.all([pool.close(), streamAgent?.close()]);
    },
  };
}

/**
 * The SDK's own agent for uploads and downloads, which go to other origins than the API's (EvoLink's files host, the
 * result links' host). Keep-alive, no connection cap beyond undici's, and undici's coarse header/body timers off: the
 * stream transport enforces its own idle timeout.
 */
function createStreamAgent(): Agent {
  return new Agent({ keepAliveTimeout: 10_000, headersTimeout: 0, bodyTimeout: 0 });
}
