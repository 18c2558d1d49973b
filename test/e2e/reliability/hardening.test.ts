import { describe, expect, it } from 'vitest';
import { InvalidResponseError, WanClient } from '../../../src/index.js';
import { FakeEvoLinkServer } from '../../../src/testing/index.js';
import { startLoopback } from '../../support/loopback.js';

describe('hardened transport', () => {
  it('a 512 MiB response ends in a typed error with bounded memory, and the download is cut off early', async () => {
    const TOTAL = 512 * 1024 * 1024;
    let written = 0;
    const s = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (written < TOTAL && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      res.on('close', () => {});
      pump();
    });
    const client = new WanClient({ apiKey: 'sk-test-0123456789', baseURL: s.url, maxRetries: 0 });
    global.gc?.();
    const before = process.memoryUsage().rss;
    const error = await client.tasks.get('task-unified-1-big').catch((e: unknown) => e);
    const grown = process.memoryUsage().rss - before;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).reason).toBe('too_large');
    expect(grown).toBeLessThan(96 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 100));
    expect(written).toBeLessThan(TOTAL / 4);
    await client.close();
    await s.close();
  });

  it('a declared Content-Length above the cap is refused before reading', async () => {
    const s = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      res.write('{"id":"task-unified-1"');
    });
    const client = new WanClient({ apiKey: 'sk-test-0123456789', baseURL: s.url, maxRetries: 0, timeout: 2000 });
    const error = await client.tasks.get('task-unified-1-big').catch((e: unknown) => e);
    expect((error as InvalidResponseError).reason).toBe('too_large');
    await client.close();
    await s.close();
  });

  it('a POST answered with a cross-origin 307 is not resent there (the key and the body stay home)', async () => {
    const elsewhere = await startLoopback((_req, res) => res.end('{}'));
    const s = await startLoopback((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/v1/videos/generations` });
      res.end();
    });
    const client = new WanClient({ apiKey: 'sk-test-0123456789', baseURL: s.url });
    const error = await client.imageToVideo({ image_start: 'https://example.com/a.jpg' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ reason: 'redirect', idempotencyKey: expect.stringMatching(/^evolink-wan-/) });
    expect(elsewhere.requests).toHaveLength(0);
    expect(s.requests).toHaveLength(1);
    await client.close();
    await Promise.all([s.close(), elsewhere.close()]);
  });

  it('the fake server binds to loopback only', async () => {
    await expect(FakeEvoLinkServer.start({ host: '0.0.0.0' as never })).rejects.toThrow(/loopback only/);
    const server = await FakeEvoLinkServer.start();
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    await server.close();
  });
});
