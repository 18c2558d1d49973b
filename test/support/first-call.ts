import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { mockTaskApi } from './msw-task-api.js';

/** What the scenario uses of a client: the source's and the built package's `WanClient` both fit. */
interface Client {
  imageToVideo(params: { prompt: string; image_start: string }): { waitForResult(): Promise<{ url: string }> };
  close(): Promise<void>;
}

/**
 * The README's msw + fake-timers pattern as the very first SDK call of a process (each file using this runs in a
 * process of its own, see vitest.config.ts): nothing on the way to the wire may await I/O such as a module load, or
 * the clock advance below would run before the request's timers exist. (A file that made an earlier call would hide
 * that.) `load` imports the SDK under test before the clock is faked.
 */
export function firstCallWaitsUnderFakeTimers(
  load: () => Promise<{ WanClient: new (options: { apiKey: string }) => Client; TaskPromise: abstract new (...args: never[]) => unknown }>,
): void {
  const api = mockTaskApi();
  const msw = setupServer(...api.handlers);
  // A request msw does not handle fails the test: it would be going to the real API.
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());
  it('the first call of a process: the wait completes with vi.advanceTimersByTimeAsync', async () => {
    const { WanClient, TaskPromise } = await load();
    vi.useFakeTimers();
    const client = new WanClient({ apiKey: 'sk-test-key-0000' });
    const handle = client.imageToVideo({ prompt: 'x', image_start: 'https://example.com/cat.jpg' });
    expect(handle).toBeInstanceOf(TaskPromise); // one copy of the SDK's modules
    const video = handle.waitForResult();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await expect(video).resolves.toMatchObject({ url: 'https://cdn.example/v.mp4' });
    expect(api.polls()).toBe(3);
    vi.useRealTimers();
    await client.close();
  }, 8000);
}
