// Callback replays cost nothing, and a failed onTask is not swallowed. EvoLink does not sign callbacks, so every
// delivery is verified by reading the task from the API on the user's key: replays of one id must not multiply those
// reads (coalesced while one runs, none once the id is handled), reads run a few at a time, and an id counts as
// handled only once onTask succeeded, so a redelivery after a failure reaches onTask again.
import { describe, expect, it } from 'vitest';
import { createCallbackHandler, InvalidOptionError, type Task, type WanClient } from '../../../src/index.js';
import { setup } from '../../support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };
const delivery = (id: string, status = 'completed'): Request =>
  new Request('https://hooks.example.com/evolink', { method: 'POST', body: JSON.stringify({ id, status }) });

/** The client's task reads, counted: how many ran, and how many at once at most. */
function countedReads(client: WanClient) {
  const counts = { reads: 0, live: 0, maxLive: 0 };
  const tasks = {
    get: (id: string): Promise<Task> => {
      counts.reads++;
      counts.maxLive = Math.max(counts.maxLive, ++counts.live);
      return Promise.resolve(client.tasks.get(id)).finally(() => counts.live--);
    },
  };
  return { counts, client: { tasks } };
}

async function completedTasks(count: number) {
  const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await client.imageToVideo(I2V).waitForResult({ pollInterval: 0 })).id);
  const apiReads = (id: string): number => server.requests.filter((r) => r.method === 'GET' && r.path === `/v1/tasks/${id}`).length;
  const before = new Map(ids.map((id) => [id, apiReads(id)]));
  return { server, client, ids, readsSince: (id: string) => apiReads(id) - before.get(id)! };
}

describe('callback replays cost nothing', () => {
  it.each([
    ['150 at once, then 50 more', 150, 50],
    ['1 then 199 more', 1, 199],
    ['200 at once', 200, 0],
  ])('%s deliveries of one completed task: one API read, onTask once', async (_name, atOnce, later) => {
    const { client, ids, readsSince } = await completedTasks(1);
    const seen: Task[] = [];
    const handler = createCallbackHandler({ client, onTask: (task) => void seen.push(task) });
    const first = await Promise.all(Array.from({ length: atOnce }, () => handler(delivery(ids[0]!))));
    await handler.idle();
    for (let i = 0; i < later; i++) expect((await handler(delivery(ids[0]!))).status).toBe(202);
    await handler.idle();
    expect(first.every((r) => r.status === 202)).toBe(true);
    expect(readsSince(ids[0]!)).toBe(1);
    expect(seen.map((t) => t.id)).toEqual([ids[0]]);
  });

  it('replays of three tasks, interleaved: one read each', async () => {
    const { client, ids, readsSince } = await completedTasks(3);
    const seen: string[] = [];
    const handler = createCallbackHandler({ client, onTask: (task) => void seen.push(task.id) });
    await Promise.all(Array.from({ length: 90 }, (_, i) => handler(delivery(ids[i % 3]!))));
    await handler.idle();
    expect(ids.map(readsSince)).toEqual([1, 1, 1]);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('150 deliveries at once of a task still running: at most two reads, nothing passed on', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1000 }) });
    const { id } = await client.imageToVideo(I2V);
    const seen: Task[] = [];
    const handler = createCallbackHandler({ client, onTask: (task) => void seen.push(task) });
    await Promise.all(Array.from({ length: 150 }, () => handler(delivery(id))));
    await handler.idle();
    expect(server.requests.filter((r) => r.method === 'GET' && r.path === `/v1/tasks/${id}`).length).toBeLessThanOrEqual(2);
    expect(seen).toEqual([]);
  });

  it.each([1, 4, 8])('at most %i reads at once, for 40 tasks delivered together', async (limit) => {
    const { client, ids } = await completedTasks(40);
    const counted = countedReads(client);
    const seen: string[] = [];
    const handler = createCallbackHandler({
      client: counted.client,
      onTask: (task) => void seen.push(task.id),
      maxConcurrentVerifications: limit,
    });
    await Promise.all(ids.map((id) => handler(delivery(id))));
    await handler.idle();
    expect(counted.counts.reads).toBe(40);
    expect(counted.counts.maxLive).toBe(limit);
    expect(seen).toHaveLength(40);
  });

  it('beyond 1,000 tasks waiting for a read, a delivery is answered 503 (EvoLink delivers it again later)', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const reader = {
      get: async (id: string): Promise<Task> => {
        await gate;
        throw new Error(`${id} is not read in this test`);
      },
    };
    const handler = createCallbackHandler({ client: { tasks: reader }, onTask: () => {}, maxConcurrentVerifications: 2 });
    const answers = await Promise.all(Array.from({ length: 1_010 }, (_, i) => handler(delivery(`task-unified-1-${i}`))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1_002);
    expect(statuses.slice(1_002)).toEqual(Array.from({ length: 8 }, () => 503));
    // A replay of an id already waiting shares its verification: accepted.
    expect((await handler(delivery('task-unified-1-7'))).status).toBe(202);
    open();
    await handler.idle();
    expect((await handler(delivery('task-unified-1-1009'))).status).toBe(202);
    await handler.idle();
  });

  it('refuses a maxConcurrentVerifications that is not a whole number >= 1', async () => {
    const { client } = await setup();
    for (const bad of [0, -1, 1.5, '4', Number.NaN]) {
      expect(() => createCallbackHandler({ client, onTask: () => {}, maxConcurrentVerifications: bad as number })).toThrow(
        InvalidOptionError,
      );
    }
  });
});

describe('a failed onTask is not swallowed', () => {
  it.each([
    [
      'throws',
      () => {
        throw new Error('database down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('database down'))],
    ['rejects with a non-Error', () => Promise.reject('database down')],
  ] as const)('onTask %s: reported, and the next delivery reaches onTask again', async (_name, failOnce) => {
    const { client, ids } = await completedTasks(1);
    const calls: string[] = [];
    const errors: unknown[] = [];
    const handler = createCallbackHandler({
      client,
      onTask: (task) => {
        calls.push(task.id);
        if (calls.length === 1) return failOnce();
      },
      onError: (error) => errors.push(error),
    });
    expect((await handler(delivery(ids[0]!))).status).toBe(202);
    await handler.idle();
    expect(errors).toHaveLength(1);
    // EvoLink delivers again: onTask runs again and succeeds; later deliveries are replays of a handled task.
    await handler(delivery(ids[0]!));
    await handler.idle();
    await handler(delivery(ids[0]!));
    await handler.idle();
    expect(calls).toEqual([ids[0], ids[0]]);
    expect(errors).toHaveLength(1);
  });

  it('a delivery that arrives while a failing onTask runs is not lost', async () => {
    const { client, ids } = await completedTasks(1);
    let release: () => void = () => {};
    const calls: number[] = [];
    const handler = createCallbackHandler({
      client,
      onTask: async () => {
        calls.push(calls.length);
        if (calls.length === 1) {
          await new Promise<void>((resolve) => (release = resolve));
          throw new Error('database down');
        }
      },
    });
    await handler(delivery(ids[0]!));
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 1));
    await handler(delivery(ids[0]!)); // the redelivery, during the first onTask
    release();
    await handler.idle();
    expect(calls).toEqual([0, 1]);
  });
});
