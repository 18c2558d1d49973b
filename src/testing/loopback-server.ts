import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Fault } from './faults.js';
import { checkLoopbackBind } from './server-options.js';

// The HTTP base every fake gateway (EvoLink's three origins, novita's API) is built on: a loopback-only listener,
// connection counts, requests recorded with the key redacted, and the queue of injected faults.

/** Where a fake API listens: loopback only. */
export interface LoopbackListenOptions {
  /** Port to listen on. @default 0 (a free port) */
  port?: number | undefined;
  /** Loopback address to bind: `127.0.0.1` (default), `::1` or `localhost`. Other hosts are refused. */
  host?: '127.0.0.1' | '::1' | 'localhost' | undefined;
  /** Receives one line per request (the API key is never in it). */
  log?: ((line: string) => void) | undefined;
}

/** A request a fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Headers by lower-case name (`headers['idempotency-key']`), with `authorization` redacted. */
  headers: Record<string, string>;
  /** Whether the bearer key matched. */
  authorized: boolean;
  body: unknown;
  at: number;
}

/** A server listening on loopback and its base URL. */
export interface Listener {
  server: Server;
  url: string;
}

/** How long a listener waits for a slow client's headers and whole request. */
export interface ListenerTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Starts an HTTP server on a loopback address; `name` is the fake's, for the error when `host` is not loopback. */
export async function listenOnLoopback(
  name: string,
  options: LoopbackListenOptions & { timeouts?: ListenerTimeouts | undefined },
  handler?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  checkLoopbackBind(host, name);
  const timeouts = options.timeouts;
  const server = createServer(
    timeouts
      ? {
          headersTimeout: timeouts.headersTimeoutMs,
          requestTimeout: timeouts.requestTimeoutMs,
          // Node looks for expired requests this often (30 s by default, longer than a short test timeout).
          connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(timeouts.headersTimeoutMs / 4))),
        }
      : {},
  );
  if (handler) server.on('request', handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return { server, url: `http://${address.includes(':') ? `[${address}]` : address}:${port}` };
}

/** Stops a listener: no new connections, open ones (keep-alive included) closed. */
export function closeListener(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** TCP connections a fake accepted, and the most open at once (tests assert pool sizes with these). */
export class ConnectionStats {
  /** TCP connections accepted so far. */
  connectionsOpened = 0;
  /** The most connections that were open at the same time. */
  peakOpenConnections = 0;
  #open = 0;

  /** Counts `socket` until it closes. */
  track(socket: Socket): void {
    this.connectionsOpened++;
    this.#open++;
    this.peakOpenConnections = Math.max(this.peakOpenConnections, this.#open);
    socket.once('close', () => this.#open--);
  }
}

/** Request headers as recorded: lower-case names, `authorization` present but redacted. */
export function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = k === 'authorization' ? '[REDACTED]' : String(v);
  return headers;
}

/** Which origin of a fake a fault targets. */
export type FaultOrigin = 'api' | 'files' | 'downloads';

/** The faults queued with `inject()`: each matching request consumes one. */
export class FaultQueue {
  readonly #faults: Fault[] = [];

  /** Queues faults, each for `times` requests (default one). */
  push(faults: Fault[]): void {
    this.#faults.push(...faults.map((f) => ({ ...f, times: f.times ?? 1 })));
  }

  /** Removes every queued fault. */
  clear(): void {
    this.#faults.length = 0;
  }

  /** The first queued fault for this method, moment and origin, consumed; `undefined` when none matches. */
  take(method: string, when: 'before' | 'after', on: FaultOrigin = 'api'): Fault | undefined {
    const index = this.#faults.findIndex(
      (f) => (f.method === undefined || f.method === method) && (f.when ?? 'before') === when && (f.on ?? 'api') === on,
    );
    if (index === -1) return undefined;
    const fault = this.#faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends a plain-text answer. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}
