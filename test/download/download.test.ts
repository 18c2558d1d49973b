import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadError, InvalidOptionError, ResultExpiredError } from '../../src/index.js';
import { faults } from '../../src/testing/index.js';
import { sampleVideo } from '../../src/testing/sample-video.js';
import { setup } from '../support/fake.js';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'evolink-dl-'));
/** The temporary files (`<dest>.<random>.part`) left beside `dest`. */
const partsBeside = (dest: string): string[] => readdirSync(dirname(dest)).filter((name) => name.endsWith('.part'));

async function completed(video?: Uint8Array | { size: number }) {
  const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed', video }, polls: 1 }) });
  const task = await client.textToVideo({ prompt: 'a cat' }).waitForResult({ pollInterval: 0 });
  return { server, client, task };
}

describe('completedTask.download() and client.download()', () => {
  it('saves the real result video to a path (.part then rename, folder created) with progress', async () => {
    const { server, task } = await completed();
    const dest = join(tmp(), 'out', 'nested', 'cat.mp4');
    const progress: { received: number; total: number | undefined }[] = [];
    const saved = await task.download(dest, { onProgress: (p) => progress.push(p) });
    const expected = sampleVideo();
    expect(saved).toEqual({ path: dest, bytes: expected.length, contentType: 'video/mp4' });
    expect(sha(readFileSync(dest))).toBe(sha(expected));
    expect(readFileSync(dest).subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(partsBeside(dest)).toEqual([]);
    expect(progress.at(-1)).toEqual({ received: expected.length, total: expected.length });
    expect(task.url.startsWith(server.contentUrl)).toBe(true);
  });

  it('never sends the API key or an SDK header to the result host', async () => {
    const { server, client, task } = await completed();
    await task.download(join(tmp(), 'a.mp4'));
    await client.download(task.url, join(tmp(), 'b.mp4'));
    expect(server.contentRequests).toHaveLength(2);
    for (const request of server.contentRequests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['user-agent'] ?? '').not.toContain('evolink-wan');
      expect(request.headers['idempotency-key']).toBeUndefined();
    }
    // The API host did get the key.
    expect(server.requests.every((r) => r.authorized)).toBe(true);
  });

  it('resumes with Range after the connection drops mid-body; the bytes equal the source', async () => {
    const source = new Uint8Array(randomBytes(3 * 1024 * 1024));
    const { server, task } = await completed(source);
    server.inject(faults.dropMidBody(1_000_000), faults.dropMidBody(700_000));
    const dest = join(tmp(), 'resumed.mp4');
    const saved = await task.download(dest);
    expect(saved.bytes).toBe(source.length);
    expect(sha(readFileSync(dest))).toBe(sha(source));
    // Each resume starts where the bytes on disk end (what the socket delivered before it closed).
    const starts = server.contentRequests.map((r) =>
      r.headers.range === undefined ? 0 : Number(/^bytes=(\d+)-$/.exec(r.headers.range)?.[1]),
    );
    expect(starts).toHaveLength(3);
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBeGreaterThan(0);
    expect(starts[1]).toBeLessThanOrEqual(1_000_000);
    expect(starts[2]).toBeGreaterThan(starts[1]!);
    expect(starts[2]).toBeLessThanOrEqual(starts[1]! + 700_000);
    expect(server.contentRequests[1]?.headers['if-range']).toBeDefined();
  });

  it('gives up with DownloadError after a few resumes, and removes the .part file', async () => {
    const { server, task } = await completed(new Uint8Array(200_000));
    server.inject(faults.status(503, { on: 'downloads', times: 10, retryAfter: 0 }));
    const dest = join(tmp(), 'never.mp4');
    const error = await task.download(dest, { maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).message).toMatch(/gave up after 2 resumes: the result host answered 503/);
    expect(server.contentRequests).toHaveLength(3);
    expect(partsBeside(dest)).toEqual([]);
    expect(existsSync(dest)).toBe(false);
  });

  it('a 403 from the result host (expired link) is a ResultExpiredError with taskId, url and expiresAt', async () => {
    const { server, task } = await completed();
    server.inject(faults.expired());
    const error = (await task.download(join(tmp(), 'x.mp4')).catch((e: unknown) => e)) as ResultExpiredError;
    expect(error).toBeInstanceOf(ResultExpiredError);
    expect(error).toMatchObject({ taskId: task.id, url: task.url, expiresAt: task.expiresAt, status: 403 });
    expect(error.message).toContain('cannot be downloaded again');
  });

  it('a link past expiresAt is refused without a request; 404 and 410 are expired links too', async () => {
    const { server, client, task } = await completed();
    const stale = Object.assign(Object.create(null), { ...task, expiresAt: new Date(Date.now() - 1000) });
    await expect(client.download(stale, join(tmp(), 'x.mp4'))).rejects.toBeInstanceOf(ResultExpiredError);
    expect(server.contentRequests).toHaveLength(0);
    server.expireDownloads();
    await expect(client.download(task.url, join(tmp(), 'y.mp4'))).rejects.toMatchObject({ name: 'ResultExpiredError', status: 403 });
    await expect(client.download(`${server.contentUrl}/videos/unknown.mp4`, join(tmp(), 'z.mp4'))).rejects.toMatchObject({ status: 404 });
  });

  it('writes to a Node Writable and to a WHATWG WritableStream', async () => {
    const { client, task } = await completed();
    const path = join(tmp(), 'stream.mp4');
    const viaNode = await client.download(task, createWriteStream(path));
    expect(viaNode.path).toBeUndefined();
    expect(sha(readFileSync(path))).toBe(sha(sampleVideo()));
    const chunks: Uint8Array[] = [];
    const viaWeb = await task.download(new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
    expect(viaWeb.bytes).toBe(sampleVideo().length);
    expect(sha(Buffer.concat(chunks))).toBe(sha(sampleVideo()));
  });

  it('survives a slow result host, and stops at once on abort', async () => {
    const { server, task } = await completed(new Uint8Array(64 * 1024));
    server.inject(faults.slow(8 * 1024, 5));
    expect((await task.download(join(tmp(), 'slow.mp4'))).bytes).toBe(64 * 1024);
    server.inject(faults.slow(1024, 50));
    const controller = new AbortController();
    const dest = join(tmp(), 'aborted.mp4');
    const pending = task.download(dest, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(partsBeside(dest)).toEqual([]);
  });

  it('refuses a bad destination or URL before any request', async () => {
    const { client, task } = await completed();
    await expect(client.download('ftp://example.com/a.mp4', 'x.mp4')).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(task.download(42 as never)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(task.download('x.mp4', { retries: 2 } as never)).rejects.toThrow(/retries is not an option of the download options/);
  });

  it('keeps download out of JSON and spreads', async () => {
    const { task } = await completed();
    expect(JSON.parse(JSON.stringify(task)).download).toBeUndefined();
    expect(typeof task.download).toBe('function');
  });
});

describe('a destination that stops draining', () => {
  it('does not hold the download past an abort', async () => {
    const { Writable } = await import('node:stream');
    const { server, client } = await setup({
      plan: () => ({ outcome: { status: 'completed', video: { size: 16 * 1024 * 1024 } }, polls: 1 }),
    });
    const video = await client.imageToVideo({ prompt: 'x', image_start: 'https://example.com/a.jpg' }).waitForResult({ pollInterval: 1 });
    const stuck = new Writable({ highWaterMark: 1, write() {} }); // never calls back: never drains
    const controller = new AbortController();
    const pending = video.download(stuck, { signal: controller.signal }).catch((e: unknown) => e);
    while (server.contentRequests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'APIUserAbortError' });
  });
});
