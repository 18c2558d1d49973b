import { afterEach, describe, expect, it } from 'vitest';
import { fileFrom } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { CAT_JPG } from '../support/media.js';

const original = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = original;
});

describe('a replaced global fetch (msw, nock, a spy) sees every request, uploads included', () => {
  it('upload, quota, create and download all go through the patched fetch', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const seen: string[] = [];
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      seen.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      return original(input, init);
    };
    await client.files.upload(fileFrom(CAT_JPG));
    await client.files.quota();
    const video = await client.imageToVideo({ prompt: 'A cat', image_start: fileFrom(CAT_JPG) }).waitForResult({ pollInterval: 1 });
    const sink: Uint8Array[] = [];
    await video.download(new WritableStream({ write: (chunk) => void sink.push(chunk) }));
    expect(seen).toContain('POST /api/v1/files/upload/stream');
    expect(seen).toContain('GET /api/v1/files/quota');
    expect(seen).toContain('POST /v1/videos/generations');
    expect(seen.some((line) => line.startsWith('GET /videos/'))).toBe(true);
    expect(server.fileRequests.length).toBeGreaterThanOrEqual(2);
  });
});
