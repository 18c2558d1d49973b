import type { Clock } from '../internal/clock.js';
import type { ErrorFormat } from '../errors/from-response.js';
import type { HttpClient } from './http-client.js';
import type { StreamClient } from './stream-client.js';
import type { FetchLike } from './wire.js';

/** What a client's transport is made from: its checked options. */
export interface TransportSettings {
  baseURL: string;
  /** Only to redact it from anything derived from a response. */
  apiKey: string;
  maxResponseBytes: number;
  clock: Clock;
  /** How the gateway's error bodies read. */
  errors: ErrorFormat | undefined;
  fetch: FetchLike | undefined;
  /** An undici dispatcher (Node.js only; the client's options refuse it elsewhere). */
  dispatcher: unknown;
  /** Sockets of the SDK's own pool to the API (Node.js only). */
  maxConnections: number;
}

/**
 * A client's way to the network, made by `platform.ts` (Node.js: undici's pool and routes) or `platform.edge.ts`
 * (fetch only). Everything above it (building requests, the retry decision, reading answers, waits) is shared.
 */
export interface Transport {
  /** Single attempts of API requests; the retry loop (`send-with-retry.ts`) sits above. */
  readonly http: Pick<HttpClient, 'send'>;
  /** Uploads and downloads (streamed bodies, other origins), made on first use. */
  streams(): Promise<StreamClient>;
  /** Closes what the SDK opened (its pool and agent); not a dispatcher or fetch you passed in. */
  close(): Promise<void>;
}
