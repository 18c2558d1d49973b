import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { waitMemory } from '../../../bench/wait-memory.mjs';
import { WanClient } from '../../../src/index.js';
import { FakeEvoLinkServer } from '../../../src/testing/index.js';

const PARAMS = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('many tasks at once', () => {
  it('a 429 pauses the whole client, not only the poller that received it', async () => {
    // On a fake clock, against a fetch stub: the pause is asserted in the delays the client schedules, which a loaded
    // machine cannot stretch.
    vi.useFakeTimers();
    const gets: number[] = [];
    let created = 0;
    let limitNext = false;
    let limitedAt = Number.NaN;
    const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (init?.method === 'POST') return Response.json({ id: `task-unified-1757169743-${++created}`, status: 'pending', progress: 0 });
      gets.push(Date.now());
      if (limitNext) {
        limitNext = false;
        limitedAt = Date.now();
        const error = { code: 'rate_limit_exceeded', message: 'Rate limit exceeded', type: 'evo_api_error' };
        return Response.json({ error }, { status: 429, headers: { 'retry-after': '1' } });
      }
      return Response.json({ id: String(input).split('/').pop(), status: 'processing', progress: 10 });
    };
    const client = new WanClient({ apiKey: 'sk-test-key-0000', fetch });
    const controller = new AbortController();
    try {
      const waits = Array.from({ length: 50 }, () =>
        client
          .imageToVideo(PARAMS)
          .waitForResult({ pollInterval: 50, signal: controller.signal })
          .catch(() => undefined),
      );
      await vi.advanceTimersByTimeAsync(400);
      limitNext = true;
      await vi.advanceTimersByTimeAsync(1800);
      controller.abort();
      await Promise.all(waits);
      // In the second the 429 asks for, 50 pollers at 50 ms would send ~1,000 GETs; the shared pause lets none through.
      expect(gets.filter((at) => at > limitedAt && at < limitedAt + 1000).length).toBe(0);
      // Then every poller resumes.
      expect(gets.filter((at) => at >= limitedAt + 1000).length).toBeGreaterThan(50);
    } finally {
      vi.useRealTimers();
      await client.close();
    }
  });

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
