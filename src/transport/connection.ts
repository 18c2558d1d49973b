import type { PreparedRequest } from '../request/build-request.js';
import { BodyTooLargeError, declaredTooLarge } from './read-body.js';
import type { WireResponse } from './wire.js';

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
 * undici's handler callbacks for one exchange: the head resolves the send, the body is kept until `text()` asks
 * for it. An error after the head is kept too, and given to `text()` (or dropped by `discard()`).
 */
class ResponseCollector {
  readonly #limit: number;
  readonly #resolveHead: (response: WireResponse) => void;
  readonly #rejectHead: (error: unknown) => void;
  #headSettled = false;
  #abortRequest: ((reason: unknown) => void) | undefined;
  #pendingAbort: { reason: unknown } | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  #discarding = false;
  #outcome: { text: string } | { error: unknown } | undefined;
  #waiter: ((outcome: { text: string } | { error: unknown }) => void) | undefined;

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
    const headers = headerRecord(raw);
    this.#headSettled = true;
    this.#resolveHead({ status, headers, text: () => this.#text(), discard: () => this.#discard() });
    if (declaredTooLarge(headers['content-length'], this.#limit)) this.abort(new BodyTooLargeError(this.#limit, ''));
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#size += chunk.byteLength;
    if (this.#size > this.#limit) {
      this.abort(new BodyTooLargeError(this.#limit, this.#discarding ? '' : this.#joined()));
      return false;
    }
    if (!this.#discarding) this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.#settle({ text: this.#joined() });
  }

  onError(error: unknown): void {
    if (this.#headSettled) this.#settle({ error });
    else {
      this.#headSettled = true;
      this.#rejectHead(error);
    }
  }

  /** The body kept so far, as UTF-8 text. */
  #joined(): string {
    const chunks = this.#chunks;
    return (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
  }

  #settle(outcome: { text: string } | { error: unknown }): void {
    this.#chunks = [];
    this.#outcome = outcome;
    this.#waiter?.(outcome);
  }

  #outcomeSoon(): Promise<{ text: string } | { error: unknown }> {
    if (this.#outcome) return Promise.resolve(this.#outcome);
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  async #text(): Promise<string> {
    const outcome = await this.#outcomeSoon();
    if ('error' in outcome) throw outcome.error;
    return outcome.text;
  }

  async #discard(): Promise<void> {
    this.#discarding = true;
    this.#chunks = [];
    await this.#outcomeSoon();
  }
}
