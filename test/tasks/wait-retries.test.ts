import { describe, expect, it } from 'vitest';
import { RateLimitError, type RetryEvent } from '../../src/index.js';
import { faults } from '../../src/testing/index.js';
import { setup } from '../support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('a wait obeys the retry rules it documents (fake server)', () => {
  it('a Retry-After above maxRetryAfter ends the wait with RateLimitError carrying retryAfter, instead of stalling', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 5 }) });
    const handle = client.imageToVideo(I2V);
    await handle;
    server.inject(faults.status(429, { method: 'GET', retryAfter: 120 }));
    const error = await handle.waitForResult({ pollInterval: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect((error as Error).message).toMatch(/longer than maxRetryAfter \(60 s\)/);
    expect(server.getCount).toBe(1);
  });

  it('the same through client.tasks.wait, with a lower maxRetryAfter', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 5 }) }, { maxRetryAfter: 1000 });
    const { id } = await client.imageToVideo(I2V);
    server.inject(faults.status(429, { method: 'GET', retryAfter: 2 }));
    await expect(client.tasks.wait(id, { pollInterval: 1 })).rejects.toMatchObject({ name: 'RateLimitError', retryAfter: 2 });
  });

  it('onRetry fires for every retry inside a wait', async () => {
    const events: RetryEvent[] = [];
    const { server, client } = await setup(
      { plan: () => ({ outcome: { status: 'completed' }, polls: 3 }) },
      { onRetry: (e) => events.push(e), retryBackoff: { initialDelay: 1, maxDelay: 4 } },
    );
    const handle = client.imageToVideo(I2V);
    await handle;
    server.inject(faults.status(503, { method: 'GET', times: 2 }), faults.status(429, { method: 'GET', retryAfter: '0' }));
    await handle.waitForResult({ pollInterval: 1 });
    expect(events.map((e) => [e.method, (e.error as { status?: number }).status, e.retry])).toEqual([
      ['GET', 503, 1],
      ['GET', 503, 2],
      ['GET', 429, 3],
    ]);
  });
});
