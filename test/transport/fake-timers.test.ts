import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WanClient } from '../../src/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
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
