import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WanClient } from '../../src/index.js';
import { FakeEvoLinkServer, faults } from '../../src/testing/index.js';
import { MOCK_TASK_ID, mockTaskApi } from '../support/msw-task-api.js';

// The request path schedules no timer or macrotask of its own that a test would have to advance: under
// vi.useFakeTimers() (defaults: setTimeout, setImmediate, Date… all faked) a create resolves as is, and a wait
// completes by advancing the fake clock. These are the README's "Testing your code" patterns.
const api = mockTaskApi();
const msw = setupServer(...api.handlers);
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());
afterEach(() => {
  vi.useRealTimers();
  api.reset();
});

const PARAMS = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('vi.useFakeTimers() with default settings', () => {
  it('msw: a create resolves without advancing the clock', async () => {
    vi.useFakeTimers();
    const client = new WanClient({ apiKey: 'sk-test-key-0000' });
    await expect(client.imageToVideo(PARAMS)).resolves.toMatchObject({ id: MOCK_TASK_ID, status: 'pending' });
    await client.close();
  });

  it('msw: a wait completes with vi.advanceTimersByTimeAsync, seconds of polling in no real time', async () => {
    const realNow = performance.now.bind(performance);
    vi.useFakeTimers();
    const client = new WanClient({ apiKey: 'sk-test-key-0000' });
    const started = realNow();
    const video = client.imageToVideo(PARAMS).waitForResult();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await expect(video).resolves.toMatchObject({ url: 'https://cdn.example/v.mp4' });
    expect(api.polls()).toBe(3);
    expect(realNow() - started).toBeLessThan(5_000);
    await client.close();
  });

  it('a real loopback server (undici request() path): a create resolves without advancing the clock', async () => {
    const server = await FakeEvoLinkServer.start();
    vi.useFakeTimers();
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    try {
      await expect(client.imageToVideo(PARAMS)).resolves.toMatchObject({ status: 'pending' });
    } finally {
      vi.useRealTimers();
      await client.close();
      await server.close();
    }
  });

  it("a real loopback server with timeouts and Date faked (the README's tip): sequential calls reuse the socket", async () => {
    const server = await FakeEvoLinkServer.start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    try {
      const task = await client.imageToVideo(PARAMS);
      await expect(client.tasks.get(task.id)).resolves.toMatchObject({ id: task.id });
      await expect(client.tasks.get(task.id)).resolves.toMatchObject({ id: task.id });
      expect(server.connectionsOpened).toBe(1);
    } finally {
      vi.useRealTimers();
      await client.close();
      await server.close();
    }
  });
});

// Issue 19, "Also": the recipe above with the shipped fake server in place of msw. A request on a real socket needs a
// few event-loop turns and advanceTimersByTimeAsync gives one per timer it fires, so before the SDK held the faked
// clock during a request, one ten-minute advance fired the create's 60 s timeout first (APITimeoutError and an
// unhandled rejection).
describe('the recipe with the shipped fake server (docs/testing.md)', () => {
  it('as written: one vi.advanceTimersByTimeAsync(10 * 60_000) completes the wait', async () => {
    const server = await FakeEvoLinkServer.start();
    vi.useFakeTimers();
    const video = new WanClient({ apiKey: server.apiKey, baseURL: server.url })
      .imageToVideo({ prompt: 'A cat', image_start: 'https://example.com/cat.jpg' })
      .waitForResult();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect((await video).url).toMatch(/\.mp4$/);
    vi.useRealTimers();
    await server.close();
  });

  it('three waits at once, a plan timed by the clock, a 429 with Retry-After, a failed task: one advance each', async () => {
    const server = await FakeEvoLinkServer.start({
      plan: (body) =>
        body.prompt === 'fails'
          ? { outcome: { status: 'failed', code: 'content_policy_violation' }, polls: 2 }
          : body.prompt === 'timed'
            ? { outcome: { status: 'completed' }, durationMs: 90_000 }
            : { outcome: { status: 'completed' }, polls: 3 },
    });
    server.inject(faults.status(429, { method: 'GET', retryAfter: 2 }));
    vi.useFakeTimers();
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    try {
      const waits = ['a', 'b', 'c', 'timed'].map((prompt) => client.imageToVideo({ ...PARAMS, prompt }).waitForResult());
      const failed = client.imageToVideo({ ...PARAMS, prompt: 'fails' }).waitForResult();
      const outcome = failed.then(
        () => 'completed',
        (error: Error) => error.name,
      );
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      for (const video of await Promise.all(waits)) expect(video.url).toMatch(/\.mp4$/);
      expect(await outcome).toBe('TaskFailedError');
      expect(server.postCount).toBe(5);
    } finally {
      vi.useRealTimers();
      await client.close();
      await server.close();
    }
  });
});
