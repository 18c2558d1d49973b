import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeJsonParse } from '../internal/safe-json.js';
import { deliverFault, type Fault } from './faults.js';
import {
  ConnectionStats,
  closeListener,
  FaultQueue,
  type Listener,
  type LoopbackListenOptions,
  listenOnLoopback,
  type RecordedRequest,
  recordedHeaders,
  sendJson,
} from './loopback-server.js';

export type { LoopbackListenOptions } from './loopback-server.js';

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
 * A fake gateway with one origin on the loopback base: records each request (key redacted), counts connections, and
 * plays the faults queued with {@link FakeApiServer.inject} (from `faults`) before the gateway's own routes answer.
 * A subclass supplies the routes.
 */
export abstract class FakeApiServer {
  /** Base URL to pass as `baseURL`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  readonly #server: Listener['server'];
  readonly #faults = new FaultQueue();
  readonly #connections = new ConnectionStats();
  readonly #log: ((line: string) => void) | undefined;

  protected constructor(listening: Listener, options: LoopbackListenOptions) {
    this.#server = listening.server;
    this.url = listening.url;
    this.#log = options.log;
    listening.server.on('request', (req, res) => void this.#handle(req, res));
    listening.server.on('connection', (socket) => this.#connections.track(socket));
  }

  /** Starts an HTTP server on a loopback port (no handler yet: the instance attaches itself). */
  protected static listen(name: string, options: LoopbackListenOptions): Promise<Listener> {
    return listenOnLoopback(name, options);
  }

  /** TCP connections accepted so far. */
  get connectionsOpened(): number {
    return this.#connections.connectionsOpened;
  }

  /** The most connections that were open at the same time. */
  get peakOpenConnections(): number {
    return this.#connections.peakOpenConnections;
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
    this.#faults.push(faults);
    return this;
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.#faults.clear();
  }

  /** Stops the server and closes open connections. */
  close(): Promise<void> {
    return closeListener(this.#server);
  }

  /** Answers one request that no `before` fault took. */
  protected abstract route(call: IncomingCall, req: IncomingMessage, res: ServerResponse): void;

  /** Plays the next queued `after` fault for this method, if any (after the gateway did its work). Returns `true` if one was played. */
  protected playLateFault(method: string, req: IncomingMessage, res: ServerResponse): boolean {
    const fault = this.#faults.take(method, 'after');
    if (fault) deliverFault(fault, req, res);
    return fault !== undefined;
  }

  /** Sends a JSON answer. */
  protected json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendJson(res, status, body, { 'x-request-id': `req-${this.requests.length}`, ...headers });
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
    const call: IncomingCall = {
      method,
      path: target.pathname,
      query: target.searchParams,
      authorization: req.headers.authorization,
      body,
    };
    const authorized = this.isAuthorized(call.authorization);
    this.requests.push({ method, path: target.pathname, headers: recordedHeaders(req), authorized, body, at: Date.now() });
    this.#log?.(`${method} ${target.pathname}${authorized ? '' : ' (unauthorized)'}`);
    const early = this.#faults.take(method, 'before');
    if (early) return deliverFault(early, req, res);
    this.route(call, req, res);
  }

  /** Whether the request carried the key the fake accepts. */
  protected abstract isAuthorized(authorization: string | undefined): boolean;
}
