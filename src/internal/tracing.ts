import type { CallSpan, SpanAttributes, SpanName, Tracing } from './spans.js';

/**
 * Where a `WanClient` keeps its tracer (non-enumerable), so `createCallbackHandler({ client })` traces with it. A
 * registered symbol, so that two copies of the SDK (ESM and CommonJS) agree on it.
 */
export const TRACER_OF_CLIENT: unique symbol = Symbol.for('evolink-wan.tracer');

/** The span code, loaded by the first traced call: a client without a tracer never loads it. */
let spans: Promise<typeof import('./spans.js')> | undefined;

/**
 * Runs `fn` inside a span named `name` (made active in the caller's context, so spans started inside it are its
 * children where a context manager is registered); a failure is recorded on the span, then rethrown. Without tracing
 * `fn` runs as it is, with `undefined` for the span: callers report with `span?.set(…)`, which then costs nothing.
 */
export function traced<T>(
  tracing: Tracing | undefined,
  name: SpanName,
  attributes: SpanAttributes,
  fn: (span: CallSpan | undefined) => Promise<T>,
): Promise<T> {
  if (tracing === undefined) return fn(undefined);
  spans ??= import('./spans.js');
  return spans.then((loaded) => loaded.inSpan(tracing, name, attributes, fn));
}
