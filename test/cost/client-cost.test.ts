import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceededError, fileFrom, ValidationError, WanClient } from '../../src/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { pngBytes } from '../support/media.js';

let server: FakeEvoLinkServer;
beforeAll(async () => {
  server = await FakeEvoLinkServer.start({
    // Reference-video prompts that say "fail" fail: their reservations must come back.
    plan: (body) => ({
      outcome: String(body.prompt).includes('fail') ? { status: 'failed', code: 'generation_failed' } : { status: 'completed' },
      polls: 1,
    }),
  });
});
afterAll(() => server.close());

const clientWith = (options: ConstructorParameters<typeof WanClient>[0] = {}) =>
  new WanClient({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl, ...options });

/** A real opaque PNG big enough for wan2.7's 240 px minimum, written once. */
const dir = mkdtempSync(join(tmpdir(), 'client-cost-'));
function png(): string {
  const path = join(dir, 'frame.png');
  writeFileSync(path, pngBytes(256, 256));
  return path;
}

const counts = () => ({ creates: server.postCount, uploads: server.fileRequests.length });

describe('client.estimateCost', () => {
  it('gives the documented figures and sends nothing', async () => {
    const client = clientWith();
    const before = counts();
    await expect(client.estimateCost({ model: 'wan2.7-text-to-video', prompt: 'A cat', duration: 10 })).resolves.toMatchObject({
      billedSeconds: 10,
      usd: 0.86,
      exact: true,
      basis: 'evolink',
    });
    await expect(client.estimateCost({ model: 'wan2.7-text-to-video', prompt: 'A cat' })).resolves.toMatchObject({ usd: 0.43 });
    await expect(client.estimateCost({ model: 'wan2.6-text-to-video', prompt: 'A cat' })).resolves.toMatchObject({ usd: undefined });
    expect(counts()).toEqual(before);
    await client.close();
  });

  it('throws the ValidationError a create would, for local media too', async () => {
    const client = clientWith();
    await expect(client.estimateCost({ model: 'wan2.7-text-to-video', prompt: 'A cat', duration: 99 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const create = client.generate({ model: 'wan2.7-text-to-video', prompt: 'A cat', duration: 99 }).catch((e: unknown) => e);
    const estimate = client.estimateCost({ model: 'wan2.7-text-to-video', prompt: 'A cat', duration: 99 }).catch((e: unknown) => e);
    expect(((await estimate) as Error).message).toBe(((await create) as Error).message);
    await expect(
      client.estimateCost({ model: 'wan2.7-image-to-video', prompt: 'A cat', image_start: './cat.jpg' } as never),
    ).rejects.toThrow(/fileFrom\("\.\/cat\.jpg"\)/);
    await client.close();
  });

  it('names input clips whose length is unknown', async () => {
    const client = clientWith();
    const e = await client.estimateCost({
      model: 'wan2.7-reference-video',
      prompt: 'Video 1 dances',
      video_urls: ['https://cdn.example.com/dance.mp4'],
      duration: 5,
    });
    expect(e).toMatchObject({ exact: false, unknownInputs: ['video_urls[0]'], billedSeconds: 5, maxBilledSeconds: 35 });
    await client.close();
  });
});

describe('budget', () => {
  it('refuses before anything is uploaded or created, local media included', async () => {
    const client = clientWith({ budget: { maxUsdPerTask: 1 } });
    const before = counts();
    const error = await client.imageToVideo({ prompt: 'A cat', image_start: fileFrom(png()), duration: 15 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toMatch(/would cost \$1\.29, over the budget's maxUsdPerTask of \$1/);
    expect(counts()).toEqual(before);
    await client.close();
  });

  it('maxQuality and maxSecondsPerTask refuse with zero requests', async () => {
    const client = clientWith({ budget: { maxQuality: '720p', maxSecondsPerTask: 10 } });
    const before = counts();
    await expect(client.textToVideo({ prompt: 'A cat', quality: '1080p' })).rejects.toMatchObject({ limit: 'maxQuality' });
    await expect(client.textToVideo({ prompt: 'A cat', duration: 12 })).rejects.toMatchObject({ limit: 'maxSecondsPerTask' });
    expect(counts()).toEqual(before);
    await client.close();
  });

  it('concurrent creates cannot overspend the lifetime budget', async () => {
    const client = clientWith({ budget: { maxUsd: 2 } });
    const before = server.postCount;
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => client.textToVideo({ prompt: `cat ${i}`, duration: 10 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2); // 2 × $0.86 ≤ $2 < 3 × $0.86
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof BudgetExceededError)).toBe(true);
    expect(server.postCount - before).toBe(2);
    await client.close();
  });

  it('a failed reference-video task gives its reservation back; a completed one keeps it', async () => {
    const client = clientWith({ budget: { maxSeconds: 20 } });
    const params = (prompt: string) => ({ prompt, image_urls: ['https://cdn.example.com/girl.png'], duration: 10 });
    await expect(client.referenceToVideo(params('please fail')).waitForResult({ pollInterval: 10 })).rejects.toMatchObject({
      code: 'generation_failed',
    });
    await client.referenceToVideo(params('works')).waitForResult({ pollInterval: 10 });
    await client.referenceToVideo(params('works again')).waitForResult({ pollInterval: 10 });
    await expect(client.referenceToVideo(params('one too many'))).rejects.toMatchObject({ limit: 'maxSeconds' });
    await client.close();
  });

  it('a create the server refused gives its reservation back', async () => {
    const client = clientWith({ apiKey: 'sk-wrong-key-for-this-fake', budget: { maxSeconds: 5 } });
    await expect(client.textToVideo({ prompt: 'A cat' })).rejects.toMatchObject({ status: 401 });
    await expect(client.textToVideo({ prompt: 'A cat' })).rejects.toMatchObject({ status: 401 }); // not BudgetExceededError
    await client.close();
  });

  it('per-tag daily limits follow the tag request option', async () => {
    const client = clientWith({ budget: { perTag: { maxSecondsPerDay: 10 } } });
    await client.textToVideo({ prompt: 'a' }, { tag: 'alice' });
    await client.textToVideo({ prompt: 'b' }, { tag: 'alice' });
    await expect(client.textToVideo({ prompt: 'c' }, { tag: 'alice' })).rejects.toMatchObject({
      limit: 'perTag.maxSecondsPerDay',
      tag: 'alice',
    });
    await client.textToVideo({ prompt: 'c' }, { tag: 'bob' });
    await client.textToVideo({ prompt: 'd' }); // no tag, no per-tag limit
    await client.close();
  });

  it('checks its options at construction', () => {
    expect(() => clientWith({ budget: { maxUsd: -1 } })).toThrow(/budget\.maxUsd must be a number >= 0/);
    expect(() => clientWith({ budget: { maxQuality: '4k' } as never })).toThrow(/budget\.maxQuality must be one of/);
    expect(() => clientWith({ budget: { maxUSD: 1 } as never })).toThrow(/did you mean maxUsd/);
    expect(() => clientWith({ prices: { 'wan2.6-text-to-video': { '720p': 'cheap' } } as never })).toThrow(
      /prices\.wan2\.6-text-to-video\.720p/,
    );
    expect(() => clientWith({ budget: { ledger: {} } as never })).toThrow(/budget\.ledger must have reserve/);
  });
});

describe('the create log line', () => {
  it('puts the estimate beside the credits the gateway reserved', async () => {
    const lines: [string, Record<string, unknown>][] = [];
    const logger = { error() {}, warn() {}, debug() {}, info: (m: string, f: Record<string, unknown>) => lines.push([m, f]) };
    const client = clientWith({ logLevel: 'info', logger });
    await client.textToVideo({ prompt: 'A cat', duration: 10 });
    const created = lines.find(([m]) => m.endsWith('created'));
    expect(created?.[1]).toMatchObject({ estimatedSeconds: 10, estimatedUsd: 0.86 });
    expect(created?.[1]).toHaveProperty('creditsReserved');
    await client.close();
  });
});
