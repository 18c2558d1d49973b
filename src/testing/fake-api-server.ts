import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { safeJsonParse } from '../internal/safe-json.js';
import type { RecordedRequest } from './fake-server.js';
import { deliverFault, type Fault } from './faults.js';
import { checkLoopbackBind } from './server-options.js';

/** Where a fake API listens: loopback only. */
export interface LoopbackListenOptions {
  /** Port to listen on. @default 0 (a free port) */
  port?: number | undefined;
  /** Loopback address to bind: `127.0.0.1` (default), `::1` or `localhost`. Other hosts are refused. */
  host?: '127.0.0.1' | '::1' | 'localhost' | undefined;
  /** Receives one line per request (the API key is never in it). */
  log?: ((line: string) => void) | undefined;
}

/** One received request, as a fake API's route sees it. */
export interface IncomingCall {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** The `Authorization` header as sent (never recorded or logged). */
  authorization: string | undefined;
  body: unknown;
}

/**
 * The HTTP side every fake gateway shares: listens on loopback only, records each request (key redacted), counts
 * connections, and plays the faults queued with {@link FakeApiServer.inject} (from `faults`) before the gateway's own
 * routes answer. A subclass supplies the routes.
 */
export abstract class FakeApiServer {
  /** Base URL to pass as `baseURL`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** TCP connections accepted so far. */
  connectionsOpened = 0;
  /** The most connections that were open at the same time. */
  peakOpenConnections = 0;
  readonly #server: Server;
  readonly #faults: Fault[] = [];
  readonly #log: ((line: string) => void) | undefined;
  #openSockets = 0;

  protected constructor(listening: { server: Server; url: string }, options: LoopbackListenOptions) {
    this.#server = listening.server;
    this.url = listening.url;
    this.#log = options.log;
    listening.server.on('request', (req, res) => void this.#handle(req, res));
    listening.server.on('connection', (socket: Socket) => this.#track(socket));
  }

  /** Starts an HTTP server on a loopback port (no handler yet: the instance attaches itself). */
  protected static async listen(name: string, options: LoopbackListenOptions): Promise<{ server: Server; url: string }> {
    const host = options.host ?? '127.0.0.1';
    checkLoopbackBind(host, name);
    const server = createServer();
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const { port, address } = server.address() as AddressInfo;
    return { server, url: `http://${address.includes(':') ? `[${address}]` : address}:${port}` };
  }

  /** Number of POST requests received (task creations). */
  get postCount(): number {
    return this.requests.filter((r) => r.method === 'POST').length;
  }

  /** Number of GET requests received (task reads). */
  get getCount(): number {
    return this.requests.filter((r) => r.method === 'GET').length;
  }

  /** Queues faults: each matching request consumes one (see `faults`). */
  inject(...faults: Fault[]): this {
    this.#faults.push(...faults.map((f) => ({ ...f, times: f.times ?? 1 })));
    return this;
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Stops the server and closes open connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  /** Answers one request that no `before` fault took. */
  protected abstract route(call: IncomingCall, req: IncomingMessage, res: ServerResponse): void;

  /** Plays the next queued `after` fault for this method, if any (after the gateway did its work). Returns `true` if one was played. */
  protected playLateFault(method: string, req: IncomingMessage, res: ServerResponse): boolean {
    const fault = this.#takeFault(method, 'after');
    if (fault) deliverFault(fault, req, res);
    return fault !== undefined;
  }

  /** Sends a JSON answer. */
  protected json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${this.requests.length}`, ...headers });
    res.end(JSON.stringify(body));
  }

  #track(socket: Socket): void {
    this.connectionsOpened++;
    this.#openSockets++;
    this.peakOpenConnections = Math.max(this.peakOpenConnections, this.#openSockets);
    socket.once('close', () => this.#openSockets--);
  }

  #takeFault(method: string, when: 'before' | 'after'): Fault | undefined {
    const index = this.#faults.findIndex((f) => (f.method === undefined || f.method === method) && (f.when ?? 'before') === when);
    if (index === -1) return undefined;
    const fault = this.#faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? safeJsonParse(raw) : undefined;
    } catch {
      body = raw;
    }
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', 'http://fake.invalid');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = k === 'authorization' ? '[REDACTED]' : String(v);
    const call: IncomingCall = {
      method,
      path: target.pathname,
      query: target.searchParams,
      authorization: req.headers.authorization,
      body,
    };
    const authorized = this.isAuthorized(call.authorization);
    this.requests.push({ method, path: target.pathname, headers, authorized, body, at: Date.now() });
    this.#log?.(`${method} ${target.pathname}${authorized ? '' : ' (unauthorized)'}`);
    const early = this.#takeFault(method, 'before');
    if (early) return deliverFault(early, req, res);
    this.route(call, req, res);
  }

  /** Whether the request carried the key the fake accepts. */
  protected abstract isAuthorized(authorization: string | undefined): boolean;
}
