import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WanClient } from '../../../src/index.js';
import { FakeEvoLinkServer, faults } from '../../../src/testing/index.js';
import { json, startLoopback } from '../../support/loopback.js';

const KEY = 'sk-live-SUPERSECRET-0123456789abcdef';

function everyView(value: unknown): string {
  const err = value as Error;
  return [
    String(value),
    err?.message,
    err?.stack,
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
    JSON.stringify((err as { cause?: unknown })?.cause ?? null),
  ].join('\n');
}

describe('the API key never leaks', () => {
  it('is not visible when inspecting or serializing the client', () => {
    const client = new WanClient({ apiKey: KEY });
    expect(everyView(client)).not.toContain(KEY);
    expect(everyView(client.tasks)).not.toContain('SUPERSECRET');
  });

  it('is not in any error, even when a proxy echoes it back in the body and headers', async () => {
    const s = await startLoopback((req, res) => {
      const echoed = String(req.headers.authorization);
      if (req.url?.includes('json'))
        json(res, 401, { error: { code: 'unauthorized', message: `bad token ${echoed}` } }, { 'x-echo': echoed });
      else {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(`<html>${echoed}</html>`);
      }
    });
    const client = new WanClient({ apiKey: KEY, baseURL: s.url, maxRetries: 0 });
    const errors = await Promise.all([
      client.tasks.get('task-unified-json').catch((e: unknown) => e),
      client.tasks.get('task-unified-html').catch((e: unknown) => e),
      client.imageToVideo({ image_start: 'https://x.com/a.jpg' }, { timeout: 1 }).catch((e: unknown) => e),
      new WanClient({ apiKey: KEY, baseURL: 'http://127.0.0.1:1', maxRetries: 0 }).tasks.get('task-unified-1').catch((e: unknown) => e),
      client.imageToVideo({ image_start: 'not a url' }).catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(everyView(error)).not.toContain('SUPERSECRET');
    }
    await client.close();
    await s.close();
  });

  it('is not in the fake server’s logs or recorded requests', async () => {
    const lines: string[] = [];
    const server = await FakeEvoLinkServer.start({ apiKey: KEY, log: (l) => lines.push(l) });
    server.inject(faults.status(500, { method: 'GET' }));
    const client = new WanClient({ apiKey: KEY, baseURL: server.url });
    await client.imageToVideo({ image_start: 'https://x.com/a.jpg' }).waitForResult({ pollInterval: 1 });
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('\n') + JSON.stringify(server.requests) + inspect(server, { depth: 5 })).not.toContain('SUPERSECRET');
    await client.close();
    await server.close();
  });
});
