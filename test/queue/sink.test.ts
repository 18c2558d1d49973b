import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  presignedUrlSink,
  QueueDeliveryError,
  type QueueEvent,
  type QueueJob,
  WEBHOOK_SIGNATURE_HEADER,
  webhookNotifier,
  webhookSignature,
} from '../../src/queue/index.js';
import type { FakeEvoLinkServer } from '../../src/testing/index.js';
import { setup } from '../support/fake.js';
import { listenOnLoopback } from '../support/loopback.js';
import { cleanUp, openQueue, tempDir } from './support.js';

afterAll(cleanUp);

const MODEL = 'wan2.6-text-to-video';
const job = (id: string): QueueJob => ({ id, params: { model: MODEL, prompt: `job:${id}` } });
const FAST = { wait: { pollInterval: 20 }, idlePollMs: 50, exitWhenIdle: true } as const;

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback HTTP server standing in for a storage host or your app: records each request with its body. */
async function receiver(answer: (request: Received, index: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      res.writeHead(answer(request, received.length - 1));
      res.end();
    });
  });
  const listening = await listenOnLoopback(server);
  servers.push(listening);
  return { url: listening.url, received };
}

/** The bytes the fake serves as every task's video. */
async function theVideo(server: FakeEvoLinkServer): Promise<Buffer> {
  const taskId = [...server.tasks.keys()][0]!;
  return Buffer.from(await (await fetch(`${server.contentUrl}/videos/${taskId}.mp4`)).arrayBuffer());
}

describe('presignedUrlSink: object storage through a presigned PUT URL', () => {
  it('uploads each video whole with its length, never the API key, and records the object URL without the signature', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const storage = await receiver();
    const queue = await openQueue({ client });
    await queue.add([job('a'), { ...job('b'), destination: 'campaign/b-final' }]);
    const temp = await tempDir();
    const presigned: string[] = [];
    await queue.work({
      ...FAST,
      sink: presignedUrlSink({
        presign: (j) => {
          presigned.push(j.id);
          return `${storage.url}/bucket/${j.destination ?? j.id}.mp4?X-Amz-Signature=secret-signature&X-Amz-Expires=600`;
        },
        tempDir: temp,
      }),
    });

    const video = await theVideo(server);
    expect(presigned.sort()).toEqual(['a', 'b']);
    expect(storage.received.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    for (const put of storage.received) {
      expect(put.body.equals(video)).toBe(true);
      expect(put.headers['content-length']).toBe(String(video.length));
      expect(put.headers['content-type']).toBe('video/mp4');
      expect(put.headers.authorization).toBeUndefined();
      expect(JSON.stringify(put.headers)).not.toContain(server.apiKey);
    }
    const records = await queue.results();
    expect(records.map((r) => [r.id, r.state, r.location, r.bytes])).toEqual([
      ['a', 'completed', `${storage.url}/bucket/a.mp4`, video.length],
      ['b', 'completed', `${storage.url}/bucket/campaign/b-final.mp4`, video.length],
    ]);
    expect(JSON.stringify(records)).not.toContain('secret-signature');
    expect(await readdir(temp)).toEqual([]);
  });

  it('an upload the storage refuses is not completed: the job goes back to the queue and completes on the next try, one task', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const storage = await receiver((_, index) => (index === 0 ? 403 : 200));
    const queue = await openQueue({ client });
    await queue.add([job('a')]);
    const errors: unknown[] = [];
    const events: QueueEvent[] = [];
    await queue.work({
      ...FAST,
      sink: presignedUrlSink({ presign: () => ({ url: `${storage.url}/a.mp4?sig=x`, location: 's3://bucket/a.mp4' }) }),
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'error') errors.push(e.error);
      },
    });
    expect(events.find((e) => e.type === 'released')).toMatchObject({ id: 'a', reason: expect.stringMatching(/HTTP 403.*presign\(\)/) });
    expect(storage.received).toHaveLength(2);
    expect(await queue.results()).toMatchObject([{ id: 'a', state: 'completed', location: 's3://bucket/a.mp4', attempts: 1 }]);
    expect(server.postCount).toBe(1);
    expect(errors).toEqual([]);
  });

  it('refuses a presign() that gives no http(s) URL, with a typed error naming the job', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const task = await client.generate({ model: MODEL, prompt: 'job:a' }).waitForResult({ pollInterval: 20 });
    const sink = presignedUrlSink({ presign: () => 'ftp://storage/a.mp4' });
    const error = await sink.save(task, { id: 'a', tag: undefined, destination: undefined }, new AbortController().signal).catch((e) => e);
    expect(error).toBeInstanceOf(QueueDeliveryError);
    expect(error).toMatchObject({ jobId: 'a', message: expect.stringContaining('http(s) URL for job "a"') });
  });
});

describe('webhookNotifier: onCompleted posts each completed job to your application', () => {
  it('posts the job with where its file went, signed, retrying a failed post', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const app = await receiver((_, index) => (index === 0 ? 503 : 204));
    const queue = await openQueue({ client });
    await queue.add([{ ...job('a'), tag: 'customer-7' }]);
    const outDir = await tempDir();
    await queue.work({
      ...FAST,
      outDir,
      onCompleted: webhookNotifier({ url: `${app.url}/hooks/videos`, secret: 'shh', retryDelaysMs: [0] }),
    });

    const [record] = await queue.results();
    expect(app.received).toHaveLength(2);
    const post = app.received[1]!;
    expect(post).toMatchObject({ method: 'POST', url: '/hooks/videos' });
    expect(post.headers['x-evolink-queue-job']).toBe('a');
    expect(post.headers[WEBHOOK_SIGNATURE_HEADER]).toBe(webhookSignature('shh', post.body.toString()));
    expect(JSON.parse(post.body.toString())).toEqual({
      type: 'job.completed',
      job: { id: 'a', tag: 'customer-7', taskId: record!.taskId, location: record!.location, bytes: record!.bytes },
    });
    expect(record!.location).toContain(outDir);
  });

  it('a notification that cannot be delivered is an error event; the job stays completed with its location', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const app = await receiver(() => 400);
    const queue = await openQueue({ client });
    await queue.add([job('a')]);
    const errors: unknown[] = [];
    await queue.work({
      ...FAST,
      outDir: await tempDir(),
      onCompleted: webhookNotifier({ url: `${app.url}/hooks?token=abc`, retryDelaysMs: [0, 0] }),
      onEvent: (e) => e.type === 'error' && errors.push(e.error),
    });
    // A 400 is not worth a retry: one post.
    expect(app.received).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(QueueDeliveryError);
    expect(errors[0]).toMatchObject({ jobId: 'a', status: 400, target: `${app.url}/hooks` });
    expect(String((errors[0] as Error).message)).not.toContain('token=abc');
    expect(await queue.results()).toMatchObject([{ state: 'completed', location: expect.any(String) }]);
  });
});
