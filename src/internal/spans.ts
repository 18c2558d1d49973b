import type { CallSpan, SpanAttributes, SpanLike, SpanName, Tracing } from '../types/tracing.js';
import { scrub } from './logger.js';

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
