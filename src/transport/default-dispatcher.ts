import type { Agent } from 'undici';

/** Options of the SDK's own connection pool. */
export interface PoolOptions {
  /** Maximum sockets to the API origin. */
  maxConnections: number;
  /** How long an idle keep-alive socket is kept, in milliseconds. */
  keepAliveTimeout: number;
}

/** `true` on Node.js, where the global fetch is undici and accepts a `dispatcher` (Deno and Bun ignore it). */
export function runtimeAcceptsDispatcher(): boolean {
  const g = globalThis as { Deno?: unknown; Bun?: unknown; process?: { versions?: { node?: string } } };
  return g.Deno === undefined && g.Bun === undefined && typeof g.process?.versions?.node === 'string';
}

/**
 * The SDK's keep-alive pool. undici's own header and body timers are switched off: their resolution is about one
 * second and Node's default 300 s `headersTimeout` would cut a longer configured timeout. The SDK enforces its
 * `timeout` per attempt with a precise timer instead.
 *
 * undici is imported here, on first use, not when the SDK is imported: it takes about 120 ms to load, and is not needed
 * at all with your own `fetch` or `dispatcher`, or on Deno.
 */
export async function createDefaultDispatcher(options: PoolOptions): Promise<Agent> {
  const { Agent } = await import('undici');
  return new Agent({
    connections: options.maxConnections,
    keepAliveTimeout: options.keepAliveTimeout,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}
