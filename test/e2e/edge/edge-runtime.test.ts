// The edge build, for real: test/e2e/edge/worker.ts bundled as a Worker's bundler would (`evolink-wan` resolved with the
// edge conditions to dist/edge/) and run inside Vercel's edge-runtime (a V8 context with only the web platform: no
// `process`, no `Buffer`, no `require`), served on loopback, against the fake gateway on loopback.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeRuntime, runServer } from 'edge-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEvoLinkServer, faults } from '../../../src/testing/index.js';
import { ensureBuilt } from '../../cli/run-cli.js';
import { CAT_JPG } from '../../support/media.js';
import { bundleForEdge } from './bundle.js';

const PUBLIC_HOOK = 'https://hooks.example.com/evolink/edge';

let gateway: FakeEvoLinkServer;
let worker: Awaited<ReturnType<typeof runServer>>;
/** Where the fake gateway delivers callbacks: the Worker's `/hook`, once the Worker is listening. */
let hookTarget = '';

beforeAll(async () => {
  ensureBuilt();
  gateway = await FakeEvoLinkServer.start({
    plan: () => ({ outcome: { status: 'completed' }, durationMs: 40 }),
    callbacks: { target: () => hookTarget, retryDelaysMs: [20, 20, 20] },
  });
  const { code } = await bundleForEdge({ entry: join(import.meta.dirname, 'worker.ts') }, { format: 'iife' });
  const config = { apiKey: gateway.apiKey, url: gateway.url, filesUrl: gateway.filesUrl };
  const runtime = new EdgeRuntime({ initialCode: `const CONFIG = ${JSON.stringify(config)};\n${code}` });
  worker = await runServer({ runtime, host: '127.0.0.1', port: 0 });
  hookTarget = `${worker.url}hook`;
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await gateway?.close();
});

/** The creates the gateway received with this prompt. */
const createsOf = (prompt: string) =>
  gateway.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v1/videos/generations' && (r.body as { prompt?: unknown } | undefined)?.prompt === prompt,
  );

const call = async (path: string, init?: RequestInit): Promise<Record<string, unknown>> =>
  (await fetch(worker.url + path, init)).json() as Promise<Record<string, unknown>>;

describe('the edge build inside edge-runtime', () => {
  it('runs in a context without Node.js: a create and a wait, through fetch', async () => {
    const answer = await call('create-and-wait');
    expect(answer).toMatchObject({ status: 'completed', runtime: { process: 'undefined', buffer: 'undefined' } });
    const id = answer.id as string;
    expect(answer.url).toBe(`${gateway.contentUrl}/videos/${id}.mp4`);
    const create = createsOf('A cat in the rain')[0];
    // The same request as on Node.js (the fake checked the key): an Idempotency-Key, the SDK's user agent.
    expect(create?.authorized).toBe(true);
    expect(create?.headers).toMatchObject({ 'user-agent': expect.stringMatching(/^evolink-wan\//) });
    expect(create?.headers['idempotency-key']).toMatch(/\S{16,}/);
  });

  it('makes the same retry decisions: a 503 after the task was made is resent with the same Idempotency-Key', async () => {
    gateway.inject(faults.status(503, { method: 'POST', when: 'after' }));
    const { id, error } = await call('create?prompt=retried');
    expect(error).toBeUndefined();
    const creates = createsOf('retried');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.headers['idempotency-key']).toBe(creates[0]!.headers['idempotency-key']);
    // One task: the gateway answered the resend with the task the first attempt made.
    expect([...gateway.tasks.values()].filter((task) => task.body.prompt === 'retried')).toHaveLength(1);
    expect(gateway.tasks.has(id as string)).toBe(true);
  });

  it('types errors as on Node.js: a 400 is BadRequestError, not retried; a hung create is APITimeoutError', async () => {
    gateway.inject(faults.status(400, { method: 'POST' }));
    const refused = await call('create?prompt=refused');
    expect(refused).toMatchObject({ error: 'BadRequestError', status: 400, isEvoLinkError: true });
    expect(createsOf('refused')).toHaveLength(1);
    gateway.inject(faults.hang({ method: 'POST' }));
    const hung = await call('create?prompt=hung&timeout=300');
    // Aborted by the attempt's AbortSignal; a create that may have reached the server is not resent.
    expect(hung).toMatchObject({ error: 'APITimeoutError', mayHaveReachedServer: true, idempotencyKey: expect.any(String) });
    expect(createsOf('hung')).toHaveLength(1);
  });

  it('receives a callback with createCallbackHandler and verifies it against the API', async () => {
    const { id } = await call(`create-with-callback?hook=${encodeURIComponent(PUBLIC_HOOK)}`);
    for (let i = 0; i < 200 && !gateway.callbackDeliveries.some((d) => d.delivered); i++) await new Promise((r) => setTimeout(r, 20));
    expect(gateway.callbackDeliveries[0]?.attempts.map((a) => a.status)).toEqual([202]);
    let verified: unknown[] = [];
    for (let i = 0; i < 200 && verified.length === 0; i++) {
      verified = (await call('verified')) as unknown as unknown[];
      if (verified.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(verified).toEqual([{ id, status: 'completed' }]);
    // Verified by reading the task back from the API, not by trusting the posted body.
    expect(gateway.requests.some((r) => r.method === 'GET' && r.path === `/v1/tasks/${id}`)).toBe(true);
  });

  it('uploads a Blob (multipart, streamed, hashed in plain JavaScript) and creates with its URL', async () => {
    const jpeg = readFileSync(CAT_JPG);
    const { id, error } = await call('upload-blob', { method: 'POST', body: jpeg });
    expect(error).toBeUndefined();
    const upload = [...gateway.uploads.values()].at(-1)!;
    expect(Buffer.from(upload.bytes).equals(jpeg)).toBe(true);
    const create = createsOf('The cat yawns')[0];
    expect((create?.body as { image_start?: string } | undefined)?.image_start).toContain(upload.uploadPath);
    expect(id).toEqual(expect.any(String));
  });

  it('downloads a result into a WritableStream passed through as the response', async () => {
    const response = await fetch(`${worker.url}download-stream`);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const id = response.headers.get('x-task-id')!;
    const bytes = Buffer.from(await response.arrayBuffer());
    const original = Buffer.from(await (await fetch(`${gateway.contentUrl}/videos/${id}.mp4`)).arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.equals(original)).toBe(true);
  });

  it('refuses what needs a disk with UnsupportedRuntimeError, saying what to use instead', async () => {
    const fromPath = await call('file-from');
    expect(fromPath).toMatchObject({ error: 'UnsupportedRuntimeError', isEvoLinkError: true, feature: 'fileFrom("/etc/hostname")' });
    expect(fromPath.message).toMatch(/a File .*a Blob/);
    const toPath = await call('download-to-path');
    expect(toPath).toMatchObject({ error: 'UnsupportedRuntimeError', feature: 'download(…, "/tmp/cat.mp4")' });
    expect(toPath.message).toMatch(/WritableStream/);
  });

  it('in a browser, creates only with dangerouslyAllowBrowser: true; without it, InvalidOptionError', async () => {
    const answer = await call('browser');
    expect(answer.id).toEqual(expect.any(String));
    expect(answer.refused).toMatchObject({ error: 'InvalidOptionError', option: 'dangerouslyAllowBrowser' });
    expect((answer.refused as { message: string }).message).toMatch(/visible to anyone who opens the page/);
  });
});
