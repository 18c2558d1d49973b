import { scrub } from './logger.js';

/**
 * The part of an OpenTelemetry `Span` (`@opentelemetry/api`) the SDK uses. Typed here rather than imported, so the
 * SDK never loads `@opentelemetry/api`: tracing costs nothing when no tracer is passed.
 */
export interface SpanLike {
  spanContext(): { traceId: string; spanId: string; traceFlags: number; traceState?: { serialize(): string } | undefined };
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: { name: string; message: string; stack?: string }): void;
  end(): void;
}

/**
 * The part of an OpenTelemetry `Tracer` the SDK uses: `trace.getTracer('my-app')` from `@opentelemetry/api`, or any
 * object with the same `startActiveSpan(name, options, fn)`.
 */
export interface TracerLike {
  startActiveSpan<F extends (span: SpanLike) => unknown>(
    name: string,
    options: { kind?: number; attributes?: Record<string, string | number | boolean> },
    fn: F,
  ): ReturnType<F>;
}

/** The spans the SDK starts. */
export type SpanName = 'evolink.create' | 'evolink.wait' | 'evolink.poll' | 'evolink.upload' | 'evolink.download' | 'evolink.callback';

/** `SpanKind` of `@opentelemetry/api` (a stable enum of the API, by value). */
export const SPAN_KIND = { internal: 0, server: 1, client: 2 } as const;
/** `SpanStatusCode.ERROR`. */
const STATUS_ERROR = 2;

/** What a traced operation needs: the user's tracer (or none) and the API key, kept out of every recorded text. */
export interface Tracing {
  tracer: TracerLike | undefined;
  secret: string;
}

/**
 * Runs `fn` inside a span named `name`, made active in the user's context (so spans started inside it, the SDK's
 * and the user's, are its children where a context manager is registered). A failure is recorded on the span with
 * its class and code, then rethrown. Without a tracer `fn` runs as it is, with `undefined` for the span.
 */
export function traced<T>(
  tracing: Tracing,
  name: SpanName,
  kind: number,
  attributes: Record<string, string | number | boolean | undefined>,
  fn: (span: SpanLike | undefined) => Promise<T>,
): Promise<T> {
  const { tracer } = tracing;
  if (tracer === undefined) return fn(undefined);
  return tracer.startActiveSpan(name, { kind, attributes: defined(attributes) }, async (span: SpanLike) => {
    try {
      return await fn(span);
    } catch (error) {
      recordError(span, error, tracing.secret);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Sets the attributes that have a value (a gateway's answer may lack any of them). */
export function setAttributes(span: SpanLike | undefined, attributes: Record<string, string | number | boolean | undefined>): void {
  if (span === undefined) return;
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) span.setAttribute(key, value);
  }
}

/**
 * Marks the span failed: status ERROR, `error.type` (the error's class), `evolink.error.code` and the HTTP status when
 * the error has them, and the exception event. Messages go through the logger's scrubbing: no key, no signed query.
 */
export function recordError(span: SpanLike, error: unknown, secret: string): void {
  const e = error as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; status?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  const message = scrub(typeof e?.message === 'string' ? e.message : String(error), secret) as string;
  setAttributes(span, {
    'error.type': name,
    'evolink.error.code': typeof e?.code === 'string' ? e.code : undefined,
    'http.response.status_code': typeof e?.status === 'number' ? e.status : undefined,
  });
  span.recordException(typeof e?.stack === 'string' ? { name, message, stack: scrub(e.stack, secret) as string } : { name, message });
  span.setStatus({ code: STATUS_ERROR, message });
}

/**
 * The `onRetry` hook of a traced request: each retry becomes an `evolink.retry` event and raises
 * `http.request.resend_count`, then the user's own hook runs.
 */
export function countRetries<E extends { retry: number; delay: number; error: unknown }>(
  span: SpanLike | undefined,
  onRetry: ((event: E) => void) | undefined,
): ((event: E) => void) | undefined {
  if (span === undefined) return onRetry;
  return (event) => {
    span.setAttribute('http.request.resend_count', event.retry);
    const error = event.error as { name?: unknown } | null;
    span.addEvent('evolink.retry', {
      'evolink.retry': event.retry,
      'evolink.retry.delay_ms': event.delay,
      'error.type': typeof error?.name === 'string' ? error.name : 'Error',
    });
    onRetry?.(event);
  };
}

/**
 * The W3C Trace Context headers (`traceparent`, and `tracestate` when set) naming `span` as the caller, for requests
 * to the API's own origin only. `undefined` for a span without a valid context (a no-op tracer).
 */
export function traceHeaders(span: SpanLike | undefined): Record<string, string> | undefined {
  if (span === undefined) return undefined;
  const { traceId, spanId, traceFlags, traceState } = span.spanContext();
  if (!/^[0-9a-f]{32}$/.test(traceId) || /^0+$/.test(traceId) || !/^[0-9a-f]{16}$/.test(spanId) || /^0+$/.test(spanId)) {
    return undefined;
  }
  const headers: Record<string, string> = { traceparent: `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}` };
  const state = traceState?.serialize();
  if (state) headers.tracestate = state;
  return headers;
}

/** The HTTP attributes of a request to `url`: method, `server.address`/`server.port`, and `url.full` without its query. */
export function httpAttributes(method: string, url: string): Record<string, string | number> {
  const u = new URL(url);
  const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
  // The query is where result and file links carry their signature; credentials never belong in a span.
  return { 'http.request.method': method, 'server.address': u.hostname, 'server.port': port, 'url.full': `${u.origin}${u.pathname}` };
}

function defined(attributes: Record<string, string | number | boolean | undefined>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key in attributes) if (attributes[key] !== undefined) out[key] = attributes[key];
  return out;
}

/**
 * Where a `WanClient` keeps its tracer (non-enumerable), so `createCallbackHandler({ client })` traces with it. A
 * registered symbol, so that two copies of the SDK (ESM and CommonJS) agree on it.
 */
export const TRACER_OF_CLIENT: unique symbol = Symbol.for('evolink-wan.tracer');
