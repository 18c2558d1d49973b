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

/** Span attributes as the SDK's code gives them: one without a value (a field the gateway left out) is not set. */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** The span of one traced call, as the SDK's code reports to it. */
export interface CallSpan {
  /** Sets the attributes that have a value. */
  set(attributes: SpanAttributes): void;
  /** `http.request.method`, `server.address`, `server.port` and `url.full` (without its query) of a request to `url`. */
  http(method: string, url: string): void;
  /** The W3C Trace Context headers naming this span, for the API's own origin; `undefined` without a valid context. */
  traceHeaders(): Record<string, string> | undefined;
  /** `onRetry` wrapped: each retry raises `http.request.resend_count` and adds an `evolink.retry` event first. */
  countRetries<E extends { retry: number; delay: number; error: unknown }>(onRetry: ((event: E) => void) | undefined): (event: E) => void;
  /** Marks the span failed: status ERROR, the error's class and code, its scrubbed message. */
  fail(error: unknown): void;
}

/** The `tracer` option, the API key (which no span may hold) and the gateway, for `gen_ai.system`. */
export interface Tracing {
  tracer: TracerLike;
  secret: string;
  system?: string | undefined;
}

/** `SpanKind` of `@opentelemetry/api` by value (a stable enum of the API): INTERNAL 0, SERVER 1, CLIENT 2. */
const KINDS: Record<SpanName, number> = {
  'evolink.create': 2,
  'evolink.wait': 0,
  'evolink.poll': 2,
  'evolink.upload': 2,
  'evolink.download': 2,
  'evolink.callback': 1,
};
/** `SpanStatusCode.ERROR`. */
const STATUS_ERROR = 2;

/** See `traced()`: the span is started with the user's tracer and ended when `fn` settles. */
export function inSpan<T>(tracing: Tracing, name: SpanName, attributes: SpanAttributes, fn: (span: CallSpan) => Promise<T>): Promise<T> {
  const initial = defined(attributes);
  if (tracing.system !== undefined && (name === 'evolink.create' || name === 'evolink.wait')) {
    // OpenTelemetry's GenAI conventions, on the spans about a generation.
    initial['gen_ai.operation.name'] = 'generate_content';
    initial['gen_ai.system'] = tracing.system;
    initial['gen_ai.provider.name'] = tracing.system;
  }
  return tracing.tracer.startActiveSpan(name, { kind: KINDS[name], attributes: initial }, async (span: SpanLike) => {
    const call = new TracedCall(span, tracing.secret);
    try {
      return await fn(call);
    } catch (error) {
      call.fail(error);
      throw error;
    } finally {
      span.end();
    }
  });
}

class TracedCall implements CallSpan {
  readonly #span: SpanLike;
  readonly #secret: string;

  constructor(span: SpanLike, secret: string) {
    this.#span = span;
    this.#secret = secret;
  }

  set(attributes: SpanAttributes): void {
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined) this.#span.setAttribute(key, value);
    }
  }

  http(method: string, url: string): void {
    const u = new URL(url);
    const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
    // The query is where result and file links carry their signature; credentials never belong in a span.
    this.set({ 'http.request.method': method, 'server.address': u.hostname, 'server.port': port, 'url.full': `${u.origin}${u.pathname}` });
  }

  traceHeaders(): Record<string, string> | undefined {
    const { traceId, spanId, traceFlags, traceState } = this.#span.spanContext();
    if (!/^[0-9a-f]{32}$/.test(traceId) || /^0+$/.test(traceId) || !/^[0-9a-f]{16}$/.test(spanId) || /^0+$/.test(spanId)) {
      return undefined; // a no-op tracer's span: nothing to join
    }
    const flags = (traceFlags & 0xff).toString(16).padStart(2, '0');
    const headers: Record<string, string> = { traceparent: `00-${traceId}-${spanId}-${flags}` };
    const state = traceState?.serialize();
    if (state) headers.tracestate = state;
    return headers;
  }

  countRetries<E extends { retry: number; delay: number; error: unknown }>(onRetry: ((event: E) => void) | undefined): (event: E) => void {
    return (event) => {
      this.#span.setAttribute('http.request.resend_count', event.retry);
      this.#span.addEvent('evolink.retry', {
        'evolink.retry': event.retry,
        'evolink.retry.delay_ms': event.delay,
        'error.type': errorName(event.error),
      });
      onRetry?.(event);
    };
  }

  fail(error: unknown): void {
    const e = error as { message?: unknown; stack?: unknown; code?: unknown; status?: unknown } | null;
    const name = errorName(error);
    // The logger's scrubbing: no key, no signed link's query, whatever the message quotes.
    const message = scrub(typeof e?.message === 'string' ? e.message : String(error), this.#secret) as string;
    this.set({
      'error.type': name,
      'evolink.error.code': typeof e?.code === 'string' ? e.code : undefined,
      'http.response.status_code': typeof e?.status === 'number' ? e.status : undefined,
    });
    const stack = typeof e?.stack === 'string' ? (scrub(e.stack, this.#secret) as string) : undefined;
    this.#span.recordException(stack === undefined ? { name, message } : { name, message, stack });
    this.#span.setStatus({ code: STATUS_ERROR, message });
  }
}

/** The error's class name (`TaskFailedError`, `RateLimitError`…), for `error.type`. */
function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'Error';
}

function defined(attributes: SpanAttributes): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key in attributes) if (attributes[key] !== undefined) out[key] = attributes[key];
  return out;
}
