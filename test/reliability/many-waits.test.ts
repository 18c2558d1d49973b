import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitMemory } from '../../bench/wait-memory.mjs';
import { WanClient } from '../../src/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';

const PARAMS = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('many tasks at once', () => {
  it('a 429 pauses the whole client, not only the poller that received it', async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1_000_000 }) });
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    const controller = new AbortController();
    try {
      const waits = Array.from({ length: 50 }, () =>
        client
          .imageToVideo(PARAMS)
          .waitForResult({ pollInterval: 50, signal: controller.signal })
          .catch(() => undefined),
      );
      await new Promise((r) => setTimeout(r, 400));
      const injectedAt = Date.now();
      server.inject({
        method: 'GET',
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { code: 'rate_limit_exceeded' } },
      });
      await new Promise((r) => setTimeout(r, 1800));
      controller.abort();
      await Promise.all(waits);
      const gets = server.requests.filter((r) => r.method === 'GET');
      // The fault is served to the first GET that arrives after it was injected.
      const limitedAt = gets.find((r) => r.at >= injectedAt)!.at;
      // Between 300 ms and 850 ms after the 429, 50 pollers at 50 ms would send ~550 GETs; the shared pause lets none
      // through. (The first 300 ms leave room for requests that had already passed the gate on a loaded machine.)
      const during = gets.filter((r) => r.at > limitedAt + 300 && r.at < limitedAt + 850).length;
      expect(during).toBe(0);
      const after = gets.filter((r) => r.at > limitedAt + 1000).length;
      expect(after).toBeGreaterThan(50);
    } finally {
      await client.close();
      await server.close();
    }
  }, 30_000);

  it('1,000 concurrent waits under 10 % 429 and 5 % 5xx: all complete, no duplicate task, bounded sockets, prompt exit', async () => {
    // The client runs in a child process (so its exit can be observed); this process hosts the fake server.
    // Tasks of 0.5–2 s waited on with the default schedule; 429s ask for 0.2 s, so the shared pause is exercised
    // hundreds of times without the run lasting minutes.
    const server = await FakeEvoLinkServer.start({
      plan: () => ({ outcome: { status: 'completed' }, durationMs: 500 + Math.random() * 1500 }),
    });
    server.setChaos({ method: 'GET', rateLimited: 0.1, serverErrors: 0.05, retryAfterSeconds: 0.2 });
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'many-waits-child.ts')], {
        env: { ...process.env, EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url, WAITS: '1000', MAX_CONNECTIONS: '16' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exitedAt = await new Promise<number>((resolve) => child.on('exit', () => resolve(Date.now())));
      const summary = JSON.parse(out.trim().split('\n').pop()!) as {
        completed: number;
        typed: number;
        other: number;
        timers: number;
        doneAt: number;
      };
      // Every call ends completed or with a typed error; transient poll errors never end a wait, so all complete.
      expect(summary).toMatchObject({ completed: 1000, typed: 0, other: 0 });
      // No task created twice: one POST, one task and one idempotency key per call.
      expect(server.postCount).toBe(1000);
      expect(server.tasks.size).toBe(1000);
      expect(new Set(server.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key'])).size).toBe(1000);
      // Sockets stay within the configured pool limit.
      expect(server.peakOpenConnections).toBeLessThanOrEqual(16);
      expect(server.getCount / 1000).toBeLessThan(20);
      // No timers left, and keep-alive sockets to the still-running server do not hold the process: it exits by itself.
      expect(summary.timers).toBe(0);
      expect(exitedAt - summary.doneAt).toBeLessThan(1500);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('a waiting task holds at most 5 KB of heap at 1,000 concurrent waits', async () => {
    // A child process with --expose-gc, against a fetch stub (see bench/wait-memory.mjs): heap after / before.
    const { heapBytesPerWait } = await waitMemory({ waits: 1000, rounds: 1, source: 'src' });
    expect(heapBytesPerWait).toBeLessThanOrEqual(5 * 1024);
  }, 60_000);
});
