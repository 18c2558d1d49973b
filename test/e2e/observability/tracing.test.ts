import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { APIError, createCallbackHandler, fileFrom, InvalidOptionError, TaskFailedError, WanClient } from '../../../src/index.js';
import { faults } from '../../../src/testing/index.js';
import { setup } from '../../support/fake.js';

const T2V = { prompt: 'A kitten running under the moonlight', duration: 5 } as const;
const CAT = join(import.meta.dirname, '../../../examples/assets/cat.jpg');
/** A signed result link's query, as object stores sign them: it must never reach a span. */
const SIGNED_QUERY = 'X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=5f2c0ffee';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
// What NodeSDK and provider.register() install: the context in which the SDK's spans nest under the caller's.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = provider.getTracer('evolink-wan-test');

beforeEach(() => exporter.reset());
afterAll(() => context.disable());

/** The finished spans named `name`. */
function named(name: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((s) => s.name === name);
}

function only(name: string): ReadableSpan {
  const spans = named(name);
  expect(spans, name).toHaveLength(1);
  return spans[0]!;
}

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** The `traceparent` a request carrying `span`'s context has. */
function traceparentOf(span: ReadableSpan): string {
  const { traceId, spanId } = span.spanContext();
  return `00-${traceId}-${spanId}-01`;
}

/** Every text the exporter would send: attributes, events, status messages. */
function everythingRecorded(): string {
  return JSON.stringify(
    exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
  );
}

/** Runs `fn` inside a span of the caller's own, ended after it. */
function inRootSpan<T>(fn: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan('job', async (root) => {
    try {
      return await fn();
    } finally {
      root.end();
    }
  });
}

describe('tracing: OpenTelemetry spans through the `tracer` option', () => {
  it('create + wait with retries: the span tree, its attributes, and a traceparent naming each span on each API request', async () => {
    const { server, client } = await setup(
      { plan: () => ({ outcome: { status: 'completed' }, polls: 2 }) },
      { tracer, retryBackoff: { initialDelay: 1, maxDelay: 2 } },
    );
    // The create's first answer is a 503 after the task was made (its key makes the retry safe), one poll a 429.
    server.inject(
      faults.status(503, { method: 'POST', when: 'after', retryAfter: 0 }),
      faults.status(429, { method: 'GET', retryAfter: 0, times: 1 }),
    );
    const video = await inRootSpan(() =>
      client.textToVideo(T2V, { idempotencyKey: 'order-1234-video-0001' }).waitForResult({ pollInterval: 1 }),
    );

    const root = only('job');
    const create = only('evolink.create');
    const wait = only('evolink.wait');
    const polls = named('evolink.poll');
    expect(parentOf(create)).toBe(root.spanContext().spanId);
    expect(parentOf(wait)).toBe(root.spanContext().spanId);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    for (const poll of polls) expect(parentOf(poll)).toBe(wait.spanContext().spanId);
    expect(new Set(exporter.getFinishedSpans().map((s) => s.spanContext().traceId)).size).toBe(1);

    const origin = new URL(server.url);
    expect(create.kind).toBe(SpanKind.CLIENT);
    expect(create.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'http.request.resend_count': 1,
      'server.address': origin.hostname,
      'server.port': Number(origin.port),
      'url.full': `${server.url}/v1/videos/generations`,
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.system': 'evolink',
      'gen_ai.request.model': 'wan2.7-text-to-video',
      'gen_ai.response.id': video.id,
      'evolink.task.id': video.id,
      'evolink.model': 'wan2.7-text-to-video',
      'evolink.credits_reserved': 5,
      'evolink.idempotency_key': 'order-1234-video-0001',
    });
    expect(create.events.map((e) => [e.name, e.attributes?.['error.type']])).toEqual([['evolink.retry', 'InternalServerError']]);
    expect(create.status.code).toBe(SpanStatusCode.UNSET);

    expect(wait.attributes).toMatchObject({
      'evolink.task.id': video.id,
      'evolink.task.status': 'completed',
      'evolink.poll_count': polls.length,
    });
    expect(wait.attributes['evolink.detection_delay_ms']).toEqual(expect.any(Number));
    expect(polls.map((p) => p.attributes['evolink.poll'])).toEqual(polls.map((_, i) => i + 1));
    const retried = polls.filter((p) => p.attributes['http.request.resend_count'] === 1);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.events[0]).toMatchObject({ name: 'evolink.retry', attributes: { 'error.type': 'RateLimitError' } });
    expect(polls.at(-1)!.attributes).toMatchObject({ 'http.request.method': 'GET', 'evolink.task.status': 'completed' });

    // Every attempt names its own span: both create attempts the create, each read its poll.
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.headers.traceparent)).toEqual([traceparentOf(create), traceparentOf(create)]);
    const gets = server.requests.filter((r) => r.method === 'GET').map((r) => r.headers.traceparent);
    expect(new Set(gets)).toEqual(new Set(polls.map(traceparentOf)));
    expect(everythingRecorded()).not.toContain(server.apiKey);
  });

  it('an upload: an evolink.upload span under the create, and no trace header sent to the files host', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) }, { tracer });
    await inRootSpan(async () => client.imageToVideo({ prompt: 'A cat playing piano', image_start: fileFrom(CAT) }));

    const create = only('evolink.create');
    const upload = only('evolink.upload');
    expect(parentOf(upload)).toBe(create.spanContext().spanId);
    const files = new URL(server.filesUrl);
    expect(upload.kind).toBe(SpanKind.CLIENT);
    expect(upload.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'server.address': files.hostname,
      'server.port': Number(files.port),
      'evolink.upload.content_type': 'image/jpeg',
      'evolink.file.id': [...server.uploads.keys()][0],
    });
    expect(upload.attributes['evolink.upload.bytes']).toBeGreaterThan(0);
    expect(server.fileRequests.length).toBeGreaterThan(0);
    for (const request of server.fileRequests) {
      expect(request.headers.traceparent).toBeUndefined();
      expect(request.headers.tracestate).toBeUndefined();
    }
    expect(server.requests.find((r) => r.method === 'POST')!.headers.traceparent).toBe(traceparentOf(create));
    expect(everythingRecorded()).not.toContain(server.apiKey);
  });

  it('a failed task: the wait span is an error with the class and the gateway code', async () => {
    const { client } = await setup(
      { plan: () => ({ outcome: { status: 'failed', code: 'content_policy_violation', message: 'Blocked' }, polls: 1 }) },
      { tracer },
    );
    const failure = await client
      .textToVideo(T2V)
      .waitForResult({ pollInterval: 1 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailedError);

    const wait = only('evolink.wait');
    expect(wait.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(wait.attributes).toMatchObject({
      'error.type': 'TaskFailedError',
      'evolink.error.code': 'content_policy_violation',
      'evolink.task.status': 'failed',
    });
    expect(wait.events.find((e) => e.name === 'exception')?.attributes).toMatchObject({ 'exception.type': 'TaskFailedError' });
    expect(only('evolink.create').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a refused create: the error is recorded without the key or a signed link its message quoted', async () => {
    const { server, client } = await setup({}, { tracer });
    const quoted = `Bearer ${server.apiKey} cannot read https://cdn.example.com/a.mp4?${SIGNED_QUERY}`;
    server.inject(faults.status(400, { method: 'POST', body: { error: { code: 'invalid_parameter', message: quoted } } }));
    const failure = await client.textToVideo(T2V).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(APIError);

    const create = only('evolink.create');
    expect(create.status.code).toBe(SpanStatusCode.ERROR);
    expect(create.attributes).toMatchObject({ 'error.type': 'BadRequestError', 'http.response.status_code': 400 });
    expect(create.events.map((e) => e.name)).toEqual(['exception']);
    const recorded = everythingRecorded();
    expect(recorded).toContain('https://cdn.example.com/a.mp4');
    expect(recorded).not.toContain(server.apiKey);
    expect(recorded).not.toContain('X-Amz-Signature');
  });

  it('a download: the result host in the span without the signed query, and no trace header sent to it', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) }, { tracer });
    const task = await client.textToVideo(T2V);
    await client.tasks.wait(task.id, { pollInterval: 1 });
    const link = `${server.contentUrl}/videos/${task.id}.mp4?${SIGNED_QUERY}`;
    const result = await client.download(link, join(mkdtempSync(join(tmpdir(), 'evolink-trace-')), 'v.mp4'));

    const download = only('evolink.download');
    expect(download.attributes).toMatchObject({
      'http.request.method': 'GET',
      'server.address': new URL(server.contentUrl).hostname,
      'url.full': `${server.contentUrl}/videos/${task.id}.mp4`,
      'evolink.download.bytes': result.bytes,
      'evolink.download.content_type': 'video/mp4',
    });
    expect(server.contentRequests.length).toBeGreaterThan(0);
    for (const request of server.contentRequests) expect(request.headers.traceparent).toBeUndefined();
    expect(everythingRecorded()).not.toContain('X-Amz-Signature');
  });

  it('a callback: an evolink.callback server span per delivery, ended after verification, with the client’s tracer', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) }, { tracer });
    const task = await client.textToVideo(T2V);
    await client.tasks.wait(task.id, { pollInterval: 1 });
    exporter.reset();
    const seen: string[] = [];
    const handler = createCallbackHandler({ client, onTask: (t) => void seen.push(t.id) });
    const post = (body: string) => handler(new Request('https://hooks.example.com/evolink', { method: 'POST', body }));

    expect((await post(JSON.stringify({ id: task.id, status: 'completed' }))).status).toBe(202);
    expect((await post('not json')).status).toBe(400);
    await handler.idle();

    expect(seen).toEqual([task.id]);
    const spans = named('evolink.callback');
    expect(spans).toHaveLength(2);
    // The refused delivery's span ends at once; the accepted one's after its verification.
    const delivered = spans.find((s) => s.attributes['evolink.task.id'] !== undefined);
    const refused = spans.find((s) => s.attributes['evolink.task.id'] === undefined);
    expect(delivered!.kind).toBe(SpanKind.SERVER);
    expect(delivered!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 202,
      'evolink.task.id': task.id,
      'evolink.task.status': 'completed',
      'evolink.callback.delivered': true,
    });
    expect(delivered!.status.code).toBe(SpanStatusCode.UNSET);
    expect(refused!.attributes).toMatchObject({ 'http.response.status_code': 400, 'error.type': 'CallbackError' });
    expect(refused!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('without a tracer nothing is traced or propagated; a tracer that is not one is refused', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    await inRootSpan(() => client.textToVideo(T2V).waitForResult({ pollInterval: 1 }));
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['job']);
    for (const request of server.requests) expect(request.headers.traceparent).toBeUndefined();
    expect(() => new WanClient({ apiKey: 'sk-test-1234', tracer: {} as never })).toThrow(InvalidOptionError);
  });

  it('a tracer whose spans are not recorded (the API without an SDK) sends no traceparent', async () => {
    const { server, client } = await setup(
      { plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) },
      { tracer: trace.getTracer('noop') },
    );
    await client.textToVideo(T2V).waitForResult({ pollInterval: 1 });
    expect(server.requests.length).toBeGreaterThan(1);
    for (const request of server.requests) expect(request.headers.traceparent).toBeUndefined();
  });
});
