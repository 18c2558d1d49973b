import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  EvoLinkError,
  type GenerationEvent,
  InvalidOptionError,
  TaskFailedError,
  ValidationError,
} from '../../src/index.js';
import { setup } from '../support/fake.js';

const T2V = 'wan2.7-text-to-video' as const;
const job = (id: string, prompt = `prompt ${id}`) => ({ id, params: { model: T2V, prompt } });
const FAST = { wait: { pollInterval: 5 } };

describe('client.generateMany', () => {
  it('settles every job in job order, never failing fast', async () => {
    const { client } = await setup({
      plan: (body) =>
        body.prompt === 'fail'
          ? { outcome: { status: 'failed', code: 'content_policy_violation' }, polls: 1 }
          : { outcome: { status: 'completed' }, polls: 1 },
    });
    const results = await client.generateMany(
      [job('ok'), job('bad', 'fail'), { id: 'invalid', params: { model: T2V, prompt: 'x', duration: 99 } }, job('ok2')],
      FAST,
    );
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['ok', 'completed'],
      ['bad', 'failed'],
      ['invalid', 'failed'],
      ['ok2', 'completed'],
    ]);
    const [, bad, invalid] = results;
    expect(bad?.status === 'failed' && bad.error).toBeInstanceOf(TaskFailedError);
    expect(bad?.status === 'failed' && bad.taskId).toMatch(/^task-unified-/);
    expect(invalid?.status === 'failed' && invalid.error).toBeInstanceOf(ValidationError);
    expect(invalid?.status === 'failed' && invalid.taskId).toBeUndefined();
  });

  it('keeps at most `concurrency` jobs in flight and reports each job in order', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 2 }) });
    let inFlight = 0;
    let peak = 0;
    const seen: string[] = [];
    const onEvent = (event: GenerationEvent) => {
      if (event.job.id === 'j0') seen.push(event.type);
      if (event.type === 'submitted') peak = Math.max(peak, ++inFlight);
      if (event.type === 'completed' || event.type === 'failed') inFlight--;
    };
    const jobs = Array.from({ length: 6 }, (_, i) => job(`j${i}`));
    const results = await client.generateMany(jobs, { ...FAST, concurrency: 2, onEvent });
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    expect(peak).toBe(2);
    expect(seen[0]).toBe('submitted');
    expect(seen.at(-1)).toBe('completed');
    expect(seen).toContain('progress');
  });

  it('sends each job’s idempotency key, and waits on a given task id without submitting', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const existing = server.seedTask({ model: T2V, prompt: 'earlier' }, { outcome: { status: 'completed' }, polls: 1 });
    const results = await client.generateMany(
      [
        { ...job('new'), idempotencyKey: 'batch-key-000000001' },
        { ...job('old'), taskId: existing },
      ],
      FAST,
    );
    expect(results.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(server.postCount).toBe(1);
    expect(server.requests.find((r) => r.method === 'POST')?.headers['idempotency-key']).toBe('batch-key-000000001');
    expect(results[1]?.status === 'completed' && results[1].task.id).toBe(existing);
  });

  it('gives onCompleted’s value to the result, and fails only that job when it throws', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const results = await client.generateMany([job('a'), job('b')], {
      ...FAST,
      onCompleted: (task, j) => {
        if (j.id === 'b') throw new Error('disk full');
        return `saved ${task.id}`;
      },
    });
    expect(results[0]?.status === 'completed' && results[0].value).toMatch(/^saved task-unified-/);
    const b = results[1];
    expect(b?.status).toBe('failed');
    expect(b?.status === 'failed' && b.error).toBeInstanceOf(EvoLinkError);
    expect(b?.status === 'failed' && b.error.message).toBe('Job b: disk full');
  });

  it('settles every job as aborted when the signal fires, without rejecting', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1000 }) });
    const controller = new AbortController();
    const pending = client.generateMany([job('a'), job('b'), job('c')], {
      ...FAST,
      concurrency: 2,
      signal: controller.signal,
      onEvent: (e) => e.type === 'submitted' && e.job.id === 'b' && controller.abort(),
    });
    const results = await pending;
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    for (const r of results) expect(r.status === 'failed' && r.error).toBeInstanceOf(APIUserAbortError);
    expect(results[1]?.status === 'failed' && results[1].taskId).toMatch(/^task-unified-/);
    expect(results[2]?.status === 'failed' && results[2].taskId).toBeUndefined();
  });

  it('rejects duplicate or missing job ids before sending anything', async () => {
    const { server, client } = await setup();
    await expect(client.generateMany([job('a'), job('a')])).rejects.toThrow(InvalidOptionError);
    await expect(client.generateMany([{ id: '', params: { model: T2V, prompt: 'x' } }])).rejects.toThrow(/jobs\[0\]\.id/);
    await expect(client.generateMany([job('a')], { concurrency: 0 })).rejects.toThrow(/concurrency/);
    expect(server.requests).toHaveLength(0);
  });
});
