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
