import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEvent, QueueJob } from '../../src/queue/index.js';
import { faults } from '../../src/testing/index.js';
import { setup } from '../support/fake.js';
import { ensureBuilt } from '../support/ensure-built.js';
import { startChildWorker } from './child.js';
import { databaseUrl, openQueue, tasksPerJob, tempDir, cleanUp } from './support.js';

afterAll(cleanUp);

const MODEL = 'wan2.6-text-to-video';
const job = (id: string): QueueJob => ({ id, params: { model: MODEL, prompt: `job:${id}` } });
const LEASE_SECONDS = 2;

// The worker processes run the built package.
beforeAll(ensureBuilt, 120_000);

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** Runs a second worker in this process until the queue is drained; returns its events. */
async function drain(queue: Awaited<ReturnType<typeof openQueue>>, outDir: string): Promise<QueueEvent[]> {
  const events: QueueEvent[] = [];
  await queue.work({ outDir, exitWhenIdle: true, idlePollMs: 100, wait: { pollInterval: 50 }, onEvent: (e) => events.push(e) });
  return events;
}

describe('a worker that dies (separate processes, real PostgreSQL)', () => {
  it('killed with SIGKILL while waiting: another worker waits on the stored task ids, with no second create', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 3000 }) });
    const queue = await openQueue({ client, leaseSeconds: LEASE_SECONDS, maintenanceSeconds: 1 });
    const ids = ['a', 'b', 'c'];
    await queue.add(ids.map(job));
    const outDir = await tempDir();
    const first = startChildWorker({ server, databaseUrl: await databaseUrl(), name: queue.name, outDir, leaseSeconds: LEASE_SECONDS });
    await first.until((_, all) => all.filter((e) => e.type === 'submitted').length === ids.length);
    await first.kill();

    const stored = await queue.results();
    expect(stored.map((r) => r.state)).toEqual(['submitted', 'submitted', 'submitted']);
    const events = await drain(queue, outDir);

    expect(server.postCount).toBe(ids.length);
    expect([...tasksPerJob(server).values()].map((tasks) => tasks.length)).toEqual([1, 1, 1]);
    const taken = events.filter((e) => e.type === 'taken');
    expect(taken.map((e) => [e.id, e.state, e.taskId]).sort()).toEqual(stored.map((r) => [r.id, 'submitted', r.taskId]).sort());
    const video = await readFile(join(outDir, 'a.mp4'));
    for (const record of await queue.results()) {
      expect(record).toMatchObject({ state: 'completed', attempts: 1, taskId: stored.find((s) => s.id === record.id)?.taskId });
      expect(await readFile(join(outDir, `${record.id}.mp4`))).toEqual(video);
    }
  });

  it('killed after sending the create, before storing the task id: the create is replayed under the same key, one task', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    // The server makes the task and never answers: the worker dies with the create sent and no task id stored.
    server.inject(faults.hang({ method: 'POST', when: 'after', times: 1 }));
    const queue = await openQueue({ client, leaseSeconds: LEASE_SECONDS, maintenanceSeconds: 1 });
    await queue.add([job('a')]);
    const outDir = await tempDir();
    const first = startChildWorker({ server, databaseUrl: await databaseUrl(), name: queue.name, outDir, leaseSeconds: LEASE_SECONDS });
    await eventually(() => server.tasks.size === 1, 'the task to be created');
    await first.kill();
    expect(await queue.results()).toMatchObject([{ id: 'a', state: 'submitting', attempts: 1, taskId: undefined }]);

    await drain(queue, outDir);
    const [a] = await queue.results();
    expect(a).toMatchObject({ state: 'completed', attempts: 2 });
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.headers['idempotency-key']).toBe(posts[0]?.headers['idempotency-key']);
    expect(tasksPerJob(server).get('a')).toEqual([a?.taskId]);
  });

  it('stopped with SIGTERM: exits 0 at once, releasing its jobs, and another worker finishes them without creating again', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 2000 }) });
    const queue = await openQueue({ client, leaseSeconds: 30, maintenanceSeconds: 1 });
    await queue.add([job('a'), job('b')]);
    const outDir = await tempDir();
    const first = startChildWorker({ server, databaseUrl: await databaseUrl(), name: queue.name, outDir, leaseSeconds: 30 });
    await first.until((_, all) => all.filter((e) => e.type === 'submitted').length === 2);
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.events.filter((e) => e.type === 'released')).toHaveLength(2);
    // Released, not expired: the 30-second lease does not hold the jobs up.
    const started = Date.now();
    await drain(queue, outDir);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(server.postCount).toBe(2);
    expect(await queue.status()).toMatchObject({ completed: 2, queued: 0, active: 0 });
  });
});
