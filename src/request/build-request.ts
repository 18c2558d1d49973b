import { InvalidOptionError, ValidationError } from '../errors/index.js';
import { type HeaderRecord, checkHeaders } from './headers.js';
import { idempotencyKeyFor } from './idempotency-key.js';

/** What a route asks for: the API call, before headers, key and serialisation. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/` (query included, already encoded). */
  path: string;
  /** JSON body. */
  body?: Record<string, unknown> | undefined;
  /** Content type of a body the transport streams itself (a multipart upload); not with `body`. */
  streamedBodyType?: string | undefined;
  /** `true` for a call that creates a billed task: it carries an `Idempotency-Key` (where the gateway honours one). */
  createsTask?: boolean | undefined;
  /** The task the call is about, for errors. */
  taskId?: string | undefined;
}

/** Per-client request settings, checked once at construction. */
export interface RequestDefaults {
  apiKey: string;
  /** The SDK's product token, e.g. `evolink-wan/0.2.0`. */
  userAgent: string;
  /** `defaultHeaders`, already checked by {@link checkHeaders}. */
  headers: HeaderRecord;
  /**
   * Set when the gateway honours no `Idempotency-Key` (its name, for messages): creates then carry none, and a key
   * passed by the caller is refused rather than silently ignored.
   */
  noIdempotencyKeys?: string | undefined;
}

/** Per-call inputs that shape the request (unchecked: they come from the caller). */
export interface CallInputs {
  headers?: unknown;
  idempotencyKey?: unknown;
  /** W3C Trace Context headers of the call's span (`traceparent`, `tracestate`); only requests to the API carry them. */
  trace?: HeaderRecord | undefined;
}

/** A request ready for the wire: the transport sends it as it is. */
export interface PreparedRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Lower-cased names, each once. */
  headers: HeaderRecord;
  /** Serialised JSON body. */
  body: string | undefined;
  idempotencyKey?: string | undefined;
  taskId?: string | undefined;
  /** `true` for a call that creates a billed task (retried by stricter rules when it carries no key). */
  createsTask?: boolean | undefined;
}

const NO_HEADERS: HeaderRecord = Object.freeze({});

/**
 * The one function that builds every request the SDK sends. Headers are merged case-insensitively in a fixed order —
 * `accept`, `defaultHeaders`, the trace context, the call's `headers`, then the SDK's own (`authorization`, `idempotency-key`,
 * `content-type`, `user-agent`) — so no header can end up with two values. A call's `Idempotency-Key` header is the
 * `idempotencyKey` option under another name (refused on a gateway without keys). Throws before anything is sent.
 */
export function buildRequest(spec: RequestSpec, defaults: RequestDefaults, call: CallInputs = {}): PreparedRequest {
  const callHeaders = call.headers === undefined ? NO_HEADERS : checkHeaders('headers', call.headers);
  const idempotencyKey = spec.createsTask
    ? createKey(chooseIdempotencyKey(call.idempotencyKey, callHeaders['idempotency-key']), defaults.noIdempotencyKeys)
    : undefined;
  const body = spec.body === undefined ? undefined : serialiseBody(spec.body);
  // Set key by key: on V8 an object spread and then extended by new keys is several times slower to read.
  const headers: HeaderRecord = { accept: 'application/json' };
  for (const name in defaults.headers) headers[name] = defaults.headers[name]!;
  if (call.trace !== undefined) for (const name in call.trace) headers[name] = call.trace[name]!;
  for (const name in callHeaders) if (name !== 'idempotency-key') headers[name] = callHeaders[name]!;
  headers.authorization = `Bearer ${defaults.apiKey}`;
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  else if (spec.streamedBodyType !== undefined) headers['content-type'] = spec.streamedBodyType;
  // A caller's product token is kept in front of the SDK's (RFC 9110 §10.1.5), instead of being dropped.
  headers['user-agent'] = headers['user-agent'] ? `${headers['user-agent']} ${defaults.userAgent}` : defaults.userAgent;
  return { method: spec.method, path: spec.path, headers, body, idempotencyKey, taskId: spec.taskId, createsTask: spec.createsTask };
}

/** The create's key: the caller's or a new one, or none (and the caller's refused) on a gateway without keys. */
function createKey(given: unknown, noKeysOn: string | undefined): string | undefined {
  if (noKeysOn === undefined) return idempotencyKeyFor(given);
  if (given === undefined) return undefined;
  throw new InvalidOptionError(
    'idempotencyKey',
    `${noKeysOn} documents no idempotency key, so idempotencyKey cannot protect a resubmit there and is not sent; remove it. ` +
      `Resubmitting a create whose outcome is unknown may create a second task on ${noKeysOn}.`,
  );
}

function chooseIdempotencyKey(option: unknown, header: string | undefined): unknown {
  if (option !== undefined && header !== undefined && option !== header) {
    throw new InvalidOptionError(
      'headers.idempotency-key',
      'The Idempotency-Key header and the idempotencyKey option disagree; pass the key once, as idempotencyKey.',
    );
  }
  return option ?? header;
}

/** `JSON.stringify`, with anything unserialisable (BigInt, cycles, absurd depth, a throwing toJSON) named as a ValidationError. */
function serialiseBody(body: Record<string, unknown>): string {
  try {
    return JSON.stringify(body);
  } catch (cause) {
    const culprit = Object.keys(body).find((key) => {
      try {
        JSON.stringify(body[key]);
        return false;
      } catch {
        return true;
      }
    });
    const reason = cause instanceof RangeError ? 'it is nested too deeply' : cause instanceof Error ? cause.message : String(cause);
    throw new ValidationError([
      {
        path: culprit === undefined ? [] : [culprit],
        code: 'not_serializable',
        message: `${culprit ?? 'the body'} cannot be sent as JSON (${reason}); pass plain JSON values (no BigInt, no circular references)`,
      },
    ]);
  }
}
