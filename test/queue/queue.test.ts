import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/index.js';
import { jobIdempotencyKey, type QueueEvent, type QueueJob } from '../../src/queue/index.js';
import { faults } from '../../src/testing/index.js';
import { setup } from '../support/fake.js';
import { freshDatabase } from '../support/postgres.js';
import { openQueue, tasksPerJob, tempDir, cleanUp } from './support.js';

afterAll(cleanUp);

const MODEL = 'wan2.6-text-to-video';
const job = (id: string): QueueJob => ({ id, params: { model: MODEL, prompt: `job:${id}` } });
const FAST = { wait: { pollInterval: 20 }, idlePollMs: 50, exitWhenIdle: true } as const;

describe('createJobQueue on PostgreSQL', () => {
  it('adds a job once, however often it is added', async () => {
    const queue = await openQueue();
    expect(await queue.add([job('a'), job('b')])).toEqual({ added: ['a', 'b'], existing: [] });
    expect(await queue.add([job('b'), job('c')])).toEqual({ added: ['c'], existing: ['b'] });
    expect((await queue.results()).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(await queue.status()).toMatchObject({ queued: 3, active: 0, completed: 0, failed: 0, held: 0 });
  });

  it('stores the key derived from the queue name and job id before anything is sent', async () => {
    const queue = await openQueue();
    await queue.add([job('a'), { ...job('b'), idempotencyKey: 'my-own-key-0123456789' }]);
    const [a, b] = await queue.results();
    expect(a).toMatchObject({ state: 'queued', taskId: undefined, attempts: 0, idempotencyKey: jobIdempotencyKey(queue.name, 'a') });
    expect(b?.idempotencyKey).toBe('my-own-key-0123456789');
    expect(jobIdempotencyKey(queue.name, 'a')).not.toBe(jobIdempotencyKey(`${queue.name}x`, 'a'));
    expect(jobIdempotencyKey(queue.name, 'a')).toMatch(/^[A-Za-z0-9._-]{16,96}$/);
  });

  it('runs each job to one task, saves its video and records where it went', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 2 }) });
    const queue = await openQueue({ client });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await queue.add(ids.map(job));
    const dir = await tempDir();
    const events: QueueEvent[] = [];
    const completed: string[] = [];
    await queue.work({
      ...FAST,
      outDir: dir,
      concurrency: 3,
      onEvent: (e) => events.push(e),
      onCompleted: (j) => void completed.push(j.id),
    });

    expect(await queue.status()).toMatchObject({ queued: 0, active: 0, completed: 5, failed: 0, held: 0, problems: [] });
    expect([...tasksPerJob(server).values()].map((t) => t.length)).toEqual([1, 1, 1, 1, 1]);
    expect(server.postCount).toBe(5);
    expect(completed.sort()).toEqual(ids);
    const keys = server.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(keys.sort()).toEqual(ids.map((id) => jobIdempotencyKey(queue.name, id)).sort());
    const sample = await readFile(join(dir, 'a.mp4'));
    for (const record of await queue.results()) {
      expect(record).toMatchObject({ state: 'completed', location: join(dir, `${record.id}.mp4`), bytes: sample.length, attempts: 1 });
      expect(record.taskId).toBe(tasksPerJob(server).get(record.id)?.[0]);
      expect(await readFile(record.location!)).toEqual(sample);
    }
    expect(events.filter((e) => e.type === 'completed')).toHaveLength(5);
  });

  it('replays a create whose answer was lost under the same key: one task', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) }, { maxRetries: 0 });
    // The task is made, then the answer fails (a gateway error after the server accepted the work).
    server.inject(faults.status(503, { method: 'POST', when: 'after', times: 1 }));
    const queue = await openQueue({ client });
    await queue.add([job('a')]);
    await queue.work({ ...FAST, outDir: await tempDir() });
    const [a] = await queue.results();
    expect(a).toMatchObject({ state: 'completed', attempts: 2 });
    expect(server.postCount).toBe(2);
    expect(tasksPerJob(server).get('a')).toHaveLength(1);
  });

  it('holds a job whose key the server already holds for another request, and never sends it under a new key', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const queue = await openQueue({ client });
    // Someone sent a different body under the key this job will derive: the server answers the job's create 409.
    await client.generate({ model: MODEL, prompt: 'job:other' }, { idempotencyKey: jobIdempotencyKey(queue.name, 'a') });
    await queue.add([job('a'), job('b')]);
    await queue.work({ ...FAST, outDir: await tempDir() });
    const status = await queue.status();
    expect(status).toMatchObject({ completed: 1, held: 1, failed: 0, queued: 0, active: 0 });
    expect(status.problems).toEqual([{ id: 'a', state: 'held', reason: expect.stringContaining('idempotency key'), taskId: undefined }]);
    const keysSent = server.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(new Set(keysSent)).toEqual(new Set([jobIdempotencyKey(queue.name, 'a'), jobIdempotencyKey(queue.name, 'b')]));
    expect(tasksPerJob(server).get('a')).toBeUndefined();
  });

  it('holds a job whose uploaded files expire before it could be sent', async () => {
    const { server, client } = await setup();
    const queue = await openQueue({ client });
    await queue.add([{ ...job('a'), uploadsExpireAt: new Date(Date.now() + 60_000) }]);
    await queue.work({ ...FAST, outDir: await tempDir() });
    const status = await queue.status();
    expect(status).toMatchObject({ held: 1, completed: 0 });
    expect(status.problems[0]?.reason).toMatch(/expire within the hour.*Add it again under a new id/);
    expect(server.postCount).toBe(0);
  });

  it('holds a job whose creates went unanswered maxAttempts times', async () => {
    const { server, client } = await setup({}, { maxRetries: 0 });
    server.inject(faults.status(503, { method: 'POST', when: 'after', times: 10 }));
    const queue = await openQueue({ client });
    await queue.add([job('a')]);
    await queue.work({ ...FAST, outDir: await tempDir(), maxAttempts: 2 });
    const [a] = await queue.results();
    expect(a).toMatchObject({ state: 'held', attempts: 2, reason: expect.stringContaining(a!.idempotencyKey) });
    expect(server.postCount).toBe(2);
    expect(tasksPerJob(server).get('a')).toHaveLength(1);
  });

  it('fails a job whose task failed, with the reason in status', async () => {
    const { client } = await setup({
      plan: (body) =>
        body.prompt === 'job:bad'
          ? { outcome: { status: 'failed', code: 'content_policy_violation' }, polls: 1 }
          : { outcome: { status: 'completed' }, polls: 1 },
    });
    const queue = await openQueue({ client });
    await queue.add([job('good'), job('bad')]);
    await queue.work({ ...FAST, outDir: await tempDir() });
    const status = await queue.status();
    expect(status).toMatchObject({ completed: 1, failed: 1 });
    expect(status.problems).toEqual([{ id: 'bad', state: 'failed', reason: expect.any(String), taskId: expect.any(String) }]);
  });

  it('a 429 pauses every worker of the queue, in PostgreSQL, for its Retry-After, without counting as an attempt', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) }, { maxRetries: 0 });
    server.inject(faults.status(429, { method: 'POST', retryAfter: 2, times: 1 }));
    const queue = await openQueue({ client });
    // Another handle on the queue (another process, as far as PostgreSQL is concerned) reads the pause.
    const other = await openQueue({ name: queue.name });
    await queue.add([job('a')]);
    const paused: number[] = [];
    const working = queue.work({ ...FAST, outDir: await tempDir(), onEvent: (e) => e.type === 'paused' && paused.push(e.until) });
    let seen: number | undefined;
    let done = false;
    void working.finally(() => {
      done = true;
    });
    while (!done && seen === undefined) seen = (await other.status()).pausedUntil;
    await working;

    expect(paused).toHaveLength(1);
    expect(Math.abs(seen! - paused[0]!)).toBeLessThan(1000);
    expect(await queue.results()).toMatchObject([{ state: 'completed', attempts: 1 }]);
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('a job with a callback_url waits for its callback instead of polling: one read to verify, one to finish', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 200 }) });
    const queue = await openQueue({ client });
    await queue.add([{ id: 'a', params: { model: MODEL, prompt: 'job:a', callback_url: 'https://example.com/evolink-callback' } }]);
    const working = queue.work({
      ...FAST,
      outDir: await tempDir(),
      fallbackPollMs: 60_000,
      // The callback route of your app (any process): verified by reading the task, then every waiting worker wakes.
      onEvent: (e) => e.type === 'submitted' && void setTimeout(() => void queue.recordCallback(JSON.stringify({ id: e.taskId })), 400),
    });
    await working;
    expect(await queue.results()).toMatchObject([{ state: 'completed' }]);
    expect(server.getCount).toBe(2);
  });

  it('a queue-wide model limit holds across workers: never more of its tasks in flight', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 300 }) });
    const queue = await openQueue({ client });
    const second = await openQueue({ client, name: queue.name });
    await queue.setModelLimits({ [MODEL]: 1 });
    await queue.add(['a', 'b', 'c', 'd'].map(job));
    let inFlight = 0;
    let most = 0;
    const onEvent = (e: QueueEvent): void => {
      if (e.type === 'submitted') most = Math.max(most, ++inFlight);
      if (e.type === 'completed') inFlight--;
    };
    const outDir = await tempDir();
    await Promise.all([queue, second].map((q) => q.work({ ...FAST, outDir, concurrency: 3, onEvent })));
    expect(await queue.status()).toMatchObject({ completed: 4 });
    expect(most).toBe(1);
    expect(server.postCount).toBe(4);
  });

  it('setModelLimits refuses a limit that is not a whole number ≥ 1, and modelLimits reads what was set', async () => {
    const queue = await openQueue();
    await expect(queue.setModelLimits({ [MODEL]: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(queue.setModelLimits({ [MODEL]: 1.5 })).rejects.toThrow(/whole number ≥ 1/);
    expect(await queue.modelLimits()).toEqual({});
    await queue.setModelLimits({ [MODEL]: 3 });
    expect(await queue.modelLimits()).toEqual({ [MODEL]: 3 });
  });

  it('two processes opening a fresh database at once both start (set-up runs under a lock)', async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    const queues = await Promise.all([1, 2, 3].map((n) => openQueue({ connectionString: url, name: `fresh-${n % 2}` })));
    expect(queues.map((q) => q.name)).toEqual(['fresh-1', 'fresh-0', 'fresh-1']);
  });
});
