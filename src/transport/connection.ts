import type { PreparedRequest } from '../request/build-request.js';
import { decodeBody } from './decode-body.js';
import { BodyTooLargeError, declaredTooLarge, type WireResponse } from './wire.js';

/** The part of an undici `Client` of the SDK's own pool it sends with: `dispatch()` and a handler. */
export interface DispatchingClient {
  dispatch(options: { path: string; method: string; headers: Record<string, string>; body?: string | undefined }, handler: object): unknown;
}

/** What the handler needs from its attempt: to be told, once, when it is aborted. */
export interface AbortListener {
  listen(listener: (reason: unknown) => void): void;
}

/**
 * Sends one attempt over a connection of the SDK's own pool with undici's `dispatch()` and the SDK's own handler: the
 * answer is collected as it arrives, capped at `limit` bytes. `request()` would add a Readable stream, an async resource
 * and an abort listener per call (about 15–20 µs on loopback). The pool pins its undici (7), whose `dispatch()` takes
 * this handler form; dispatchers passed in by the caller keep going through their own `request()`.
 */
export function sendViaConnection(
  client: DispatchingClient,
  path: string,
  request: PreparedRequest,
  attempt: AbortListener,
  limit: number,
): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const handler = new ResponseCollector(limit, resolve, reject);
    attempt.listen((reason) => handler.abort(reason));
    client.dispatch({ path, method: request.method, headers: request.headers, body: request.body }, handler);
  });
}

/** Lower-case names, latin1 values, repeated headers joined with `, ` (as {@link sendViaDispatcher} reads them). */
function headerRecord(raw: Buffer[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/**
 * undici's handler callbacks for one exchange, and the response they make (so no closure or wrapper per call): the
 * head resolves the send, the body is kept until `text()` asks for it. An error after the head is kept too, and given
 * to `text()` (or ignored by `discard()`).
 */
class ResponseCollector implements WireResponse {
  status = 0;
  headers: Record<string, string> = {};
  readonly #limit: number;
  #resolveHead: ((response: WireResponse) => void) | undefined;
  #rejectHead: ((error: unknown) => void) | undefined;
  #abortRequest: ((reason: unknown) => void) | undefined;
  #pendingAbort: { reason: unknown } | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  #discarding = false;
  #settled = false;
  #body = '';
  #error: unknown;
  #failed = false;
  #onSettled: (() => void) | undefined;

  constructor(limit: number, resolveHead: (response: WireResponse) => void, rejectHead: (error: unknown) => void) {
    this.#limit = limit;
    this.#resolveHead = resolveHead;
    this.#rejectHead = rejectHead;
  }

  /** Aborts the request; before undici has connected it, as soon as it does (as its own `request()` does). */
  abort(reason: unknown): void {
    if (this.#abortRequest) this.#abortRequest(reason);
    else this.#pendingAbort = { reason };
  }

  onConnect(abort: (reason: unknown) => void): void {
    this.#abortRequest = abort;
    if (this.#pendingAbort) abort(this.#pendingAbort.reason);
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    if (status < 200) return true;
    this.status = status;
    this.headers = headerRecord(raw);
    const resolve = this.#resolveHead!;
    this.#resolveHead = undefined;
    this.#rejectHead = undefined;
    resolve(this);
    if (declaredTooLarge(this.headers['content-length'], this.#limit)) this.abort(new BodyTooLargeError(this.#limit, ''));
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#size += chunk.byteLength;
    if (this.#size > this.#limit) {
      // What was read so far, for an error status's message; an encoded body is not decoded half-way.
      const partial = this.#discarding || this.headers['content-encoding'] !== undefined ? '' : this.#bytes().toString('utf8');
      this.abort(new BodyTooLargeError(this.#limit, partial));
      return false;
    }
    if (!this.#discarding) this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    try {
      this.#body = decodeBody(this.#bytes(), this.headers['content-encoding'], this.#limit);
    } catch (error) {
      this.#error = error;
      this.#failed = true;
    }
    this.#settle();
  }

  onError(error: unknown): void {
    const reject = this.#rejectHead;
    if (reject) {
      this.#resolveHead = undefined;
      this.#rejectHead = undefined;
      reject(error);
      return;
    }
    this.#error = error;
    this.#failed = true;
    this.#settle();
  }

  text(): Promise<string> {
    if (this.#settled) return this.#failed ? Promise.reject(this.#error) : Promise.resolve(this.#body);
    return new Promise((resolve, reject) => {
      this.#onSettled = () => (this.#failed ? reject(this.#error) : resolve(this.#body));
    });
  }

  discard(): Promise<void> {
    this.#discarding = true;
    this.#chunks = [];
    if (this.#settled) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onSettled = resolve;
    });
  }

  /** The body bytes kept so far. */
  #bytes(): Buffer {
    const chunks = this.#chunks;
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }

  #settle(): void {
    this.#chunks = [];
    this.#settled = true;
    this.#onSettled?.();
  }
}
