import type { WireAttempt, WireSource } from './http-client.js';
import { type FetchLike, sendViaFetch } from './wire.js';

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * Every attempt through one fetch: your `fetch` option, else the global `fetch` as it is at call time (so a test tool
 * or a tracing wrapper installed later is seen). The transport of the edge build: no pool, no dispatcher, no Node.js.
 */
export function fetchWires(fetchOption: FetchLike | undefined): WireSource {
  const way: WireAttempt = {
    abortKind: 'fetch',
    send: (origin, path, request, attempt) =>
      sendViaFetch(fetchOption ?? globalFetch, origin + path, request, attempt.signal as AbortSignal, undefined),
    release: () => {},
  };
  return { open: () => way };
}
