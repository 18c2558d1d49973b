import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvoLinkError, WanClient } from '../../src/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';

const PARAMS = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('many tasks at once', () => {
  it('1,000 concurrent waits under 10 % 429 and 5 % 5xx: all end typed, no duplicate task, bounded sockets', async () => {
    const server = await FakeEvoLinkServer.start({
      plan: () => ({ outcome: { status: 'completed' }, durationMs: 500 + Math.random() * 2500 }),
    });
    server.setChaos({ method: 'GET', rateLimited: 0.1, serverErrors: 0.05, retryAfterSeconds: 1 });
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, maxConnections: 16, retryBackoff: { initialDelay: 50, maxDelay: 400 } });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 1000 }, (_, i) => client.imageToVideo({ ...PARAMS, prompt: `job ${i}` }).waitForResult({ pollInterval: 200, timeout: 90_000 })),
      );
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      for (const r of rejected) expect(r.reason).toBeInstanceOf(EvoLinkError);
      expect(results.length - rejected.length).toBe(1000); // transient poll errors never end a wait
      expect(server.postCount).toBe(1000);
      expect(server.tasks.size).toBe(1000);
      const keys = new Set(server.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']));
      expect(keys.size).toBe(1000);
      expect(server.peakOpenConnections).toBeLessThanOrEqual(16);
      const gets = server.getCount;
      expect(gets / 1000).toBeLessThan(20); // requests per task stay modest despite the faults
    } finally {
      await client.close();
      await server.close();
    }
  }, 120_000);

  it('a 429 pauses the whole client, not only the poller that received it', async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1_000_000 }) });
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    const controller = new AbortController();
    try {
      const waits = Array.from({ length: 50 }, () =>
        client.imageToVideo(PARAMS).waitForResult({ pollInterval: 50, signal: controller.signal }).catch(() => undefined),
      );
      await new Promise((r) => setTimeout(r, 400));
      const injectedAt = Date.now();
      server.inject({ method: 'GET', kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limit_exceeded' } } });
      await new Promise((r) => setTimeout(r, 1800));
      controller.abort();
      await Promise.all(waits);
      const gets = server.requests.filter((r) => r.method === 'GET');
      // The fault is served to the first GET that arrives after it was injected.
      const limitedAt = gets.find((r) => r.at >= injectedAt)!.at;
      // Between 150 ms and 850 ms after the 429, 50 pollers at 50 ms would send ~700 GETs; the shared pause lets none through.
      const during = gets.filter((r) => r.at > limitedAt + 150 && r.at < limitedAt + 850).length;
      expect(during).toBe(0);
      const after = gets.filter((r) => r.at > limitedAt + 1000).length;
      expect(after).toBeGreaterThan(50);
    } finally {
      await client.close();
      await server.close();
    }
  }, 30_000);

  it('the process exits promptly afterwards, without close(): no leaked timers, sockets or handles', async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 300 + Math.random() * 700 }) });
    server.setChaos({ method: 'GET', rateLimited: 0.01, serverErrors: 0.05, retryAfterSeconds: 1 });
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'many-waits-child.ts')], {
        env: { ...process.env, EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url, WAITS: '200' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exitedAt = await new Promise<number>((resolve) => child.on('exit', () => resolve(Date.now())));
      const summary = JSON.parse(out.trim().split('\n').pop()!) as { completed: number; typed: number; other: number; timers: number; doneAt: number };
      expect(summary).toMatchObject({ completed: 200, other: 0, timers: 0 });
      // Keep-alive sockets stay open to the still-running server: they must not hold the process.
      expect(exitedAt - summary.doneAt).toBeLessThan(1500);
    } finally {
      await server.close();
    }
  }, 60_000);
});
