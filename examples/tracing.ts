// OpenTelemetry traces: pass a Tracer, and the create, the wait with its polls and the download become spans under
// your own. In an application NodeSDK (@opentelemetry/sdk-node) sets up the provider, context manager and exporter;
// this example wires the smallest equivalent by hand (npm install @opentelemetry/api @opentelemetry/sdk-trace-base
// @opentelemetry/context-async-hooks) and prints the span tree. See docs/tracing.md.
import { mkdirSync } from 'node:fs';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { WanClient } from 'evolink-wan';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = provider.getTracer('tracing-example');

const client = new WanClient({ tracer });
mkdirSync('out', { recursive: true });
await tracer.startActiveSpan('make-kitten-video', async (job) => {
  const video = await client.textToVideo({ prompt: 'A kitten running under the moonlight', duration: 5 }).waitForResult();
  await video.download('out/kitten.mp4');
  job.end();
});
await client.close();

// The tree: each span under its parent, with what it says about the task.
const spans = exporter.getFinishedSpans();
const SHOWN = [
  'evolink.task.id',
  'evolink.credits_reserved',
  'evolink.poll_count',
  'evolink.detection_delay_ms',
  'http.response.status_code',
  'server.address',
];
function print(span: ReadableSpan, depth: number): void {
  const ms = span.duration[0] * 1000 + Math.round(span.duration[1] / 1e6);
  const shown = SHOWN.filter((key) => span.attributes[key] !== undefined).map((key) => `${key}=${span.attributes[key]}`);
  console.log(`${'  '.repeat(depth)}${[span.name, `${ms} ms`, ...shown].join(' ')}`);
  for (const child of spans.filter((s) => s.parentSpanContext?.spanId === span.spanContext().spanId)) print(child, depth + 1);
}
for (const root of spans.filter((s) => s.parentSpanContext === undefined)) print(root, 0);
