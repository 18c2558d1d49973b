// No log line, at any level, carries a signed link's query (its signature) or the API key: across a create with a local
// file (upload), the polls, the download of the result and a callback verified, with the result link signed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFrom, type Logger, WanClient } from '../../../src/index.js';
import { scrub } from '../../../src/internal/logger.js';
import { setup } from '../../support/fake.js';
import { CAT_JPG } from '../../support/media.js';

const SIGNATURE = 'Sig-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-signed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('logs never carry signed links', () => {
  it.each(['debug', 'info', 'warn', 'error'] as const)('at %s, across create, upload, polls, download and a callback', async (logLevel) => {
    const lines: string[] = [];
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
    const { server } = await setup({
      plan: () => ({
        outcome: {
          status: 'completed',
          results: [`${server.contentUrl}/videos/signed.mp4?X-Amz-Signature=${SIGNATURE}&X-Amz-Expires=86400`],
        },
        polls: 2,
      }),
    });
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl, logLevel, logger });
    const video = await client.imageToVideo({ prompt: 'A cat', image_start: fileFrom(CAT_JPG) }).waitForResult({ pollInterval: 5 });
    expect(video.url).toContain(SIGNATURE); // the application gets the link whole
    await video.download(join(dir, `${logLevel}.mp4`)).catch(() => undefined);
    await client.callbacks.verify(JSON.stringify({ id: video.id, status: 'completed' }));
    await client.close();
    if (logLevel === 'debug') expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line).not.toContain(SIGNATURE);
      expect(line).not.toContain(server.apiKey);
    }
  });

  it.each([
    ['a result link', 'https://cdn.example.com/v.mp4?Signature=abc&Expires=1', 'https://cdn.example.com/v.mp4?…'],
    ['in a JSON body', '{"results":["https://x.example/a.mp4?sig=s3cr3t"]}', '{"results":["https://x.example/a.mp4?…"]}'],
    ['http, fragment kept', 'see http://127.0.0.1:8080/f?token=t#part', 'see http://127.0.0.1:8080/f?…#part'],
    ['no query', 'https://api.evolink.ai/v1/tasks/task-1', 'https://api.evolink.ai/v1/tasks/task-1'],
  ])('scrub drops the query of %s', (_name, input, expected) => {
    expect(scrub(input, 'sk-none')).toBe(expected);
  });
});
