import { createServer } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/index.js';
import type { QueueJob } from '../../src/queue/index.js';
import { setup } from '../support/fake.js';
import { listenOnLoopback } from '../support/loopback.js';
import { cleanUp, openQueue, tempDir } from './support.js';

afterAll(cleanUp);

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

const MODEL = 'wan2.6-text-to-video';
const CALLBACK_URL = 'https://app.example.com/evolink-callback';
const job = (id: string, callback: boolean): QueueJob => ({
  id,
  params: { model: MODEL, prompt: `job:${id}`, ...(callback ? { callback_url: CALLBACK_URL } : {}) },
});

describe('queue.callbackHandler(): the callback route of a worker fleet', () => {
  it('a callback posted to any process of the app wakes the worker waiting on its task: two reads per task in all', async () => {
    // The web app's route is served from its own queue handle (another process, as far as PostgreSQL is concerned).
    let route = '';
    const { server, client } = await setup({
      plan: () => ({ outcome: { status: 'completed' }, durationMs: 300 }),
      callbacks: { target: () => route, retryDelaysMs: [200, 400] },
    });
    const app = await openQueue({ client });
    const handler = app.callbackHandler();
    const listening = await listenOnLoopback(createServer(handler.node));
    closing.push(listening);
    route = `${listening.url}/evolink-callback`;

    const worker = await openQueue({ client, name: app.name });
    await worker.add(['a', 'b', 'c'].map((id) => job(id, true)));
    // The fallback poll is far off: only the callback can finish these jobs in time.
    await worker.work({ outDir: await tempDir(), exitWhenIdle: true, idlePollMs: 50, fallbackPollMs: 600_000 });
    await handler.idle();

    expect((await worker.results()).map((r) => r.state)).toEqual(['completed', 'completed', 'completed']);
    expect(server.callbackDeliveries.map((d) => [d.delivered, d.attempts[0]?.status])).toEqual([
      [true, 202],
      [true, 202],
      [true, 202],
    ]);
    // One read by the route to verify the delivery, one by the worker once woken; no polling.
    expect([...server.tasks.values()].map((t) => t.polls)).toEqual([2, 2, 2]);
  });

  it('needs a client that can read tasks', async () => {
    const queue = await openQueue();
    expect(() => queue.callbackHandler()).toThrow(InvalidOptionError);
    expect(() => queue.callbackHandler()).toThrow(/needs a client/);
  });
});
