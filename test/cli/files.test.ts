// Local files in, videos out, through the bin: media flags with local paths (checked, uploaded), -o downloads,
// and the download, upload and quota commands.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults } from '../../src/testing/index.js';
import { CAT_JPG, fixture } from '../support/media.js';
import { cliEnv, ensureBuilt, fakeServers, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);
const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });

const FAST = ['--poll-interval', '0.02'];
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('evolink-wan with local files', () => {
  it('i2v --image-start <file> -o <path>: uploads the image, sends its URL, saves the video byte for byte', async () => {
    const server = await fake();
    const out = join(dir, 'cat.mp4');
    const run = await runCli(['i2v', '--image-start', CAT_JPG, '--prompt', 'A cat playing piano', '-o', out, ...FAST], {
      env: cliEnv(server),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(server.fileRequests.filter((r) => r.path === '/api/v1/files/upload/stream')).toHaveLength(1);
    const body = server.requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(body.image_start).toMatch(new RegExp(`^${server.contentUrl}/`));
    const completed = run.events.find((e) => e.event === 'completed')!;
    expect(run.events.at(-1)).toEqual({
      event: 'saved',
      taskId: completed.taskId,
      path: out,
      bytes: readFileSync(out).length,
      contentType: 'video/mp4',
    });
    expect(sha256(out)).toBe(server.contentSha256(completed.url as string));
    // The result host never sees the key.
    expect(server.contentRequests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('a create that may have made a task, with a local file: no --idempotency-key rerun hint (it would get a 409)', async () => {
    const server = await fake();
    server.inject(faults.reset({ method: 'POST', when: 'after' }));
    const run = await runCli(['i2v', '--image-start', CAT_JPG, '--prompt', 'x', ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Check your EvoLink dashboard before submitting again');
    expect(run.stderr).not.toContain('run the same command again with --idempotency-key');
  });

  it('a file the field cannot take is exit 2 naming the flag; nothing is uploaded or created', async () => {
    const server = await fake();
    const run = await runCli(['i2v', '--image-start', fixture('photo.heic'), '--prompt', 'x'], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--image-start \(.*photo\.heic\)/);
    expect(server.fileRequests).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
    const missing = await runCli(['i2v', '--image-start', join(dir, 'no-such.jpg'), '--prompt', 'x'], { env: cliEnv(server) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--image-start');
  });

  it('upload <file> prints the URL; quota shows the file quota', async () => {
    const server = await fake();
    const upload = await runCli(['upload', CAT_JPG], { env: cliEnv(server) });
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.events).toEqual([
      expect.objectContaining({
        event: 'uploaded',
        url: expect.stringMatching(new RegExp(`^${server.contentUrl}/`)),
        mimeType: 'image/jpeg',
        expiresAt: expect.any(String),
      }),
    ]);
    const quota = await runCli(['quota'], { env: cliEnv(server) });
    expect(quota.code).toBe(0);
    expect(JSON.parse(quota.stdout)).toMatchObject({ used: expect.any(Number), max: expect.any(Number), remaining: expect.any(Number) });
  });

  it('download <task-id|url> -o <path> saves the video; an expired link is exit 3 saying so; -o is required', async () => {
    const server = await fake();
    const id = server.seedTask({ model: 'wan2.7-text-to-video', prompt: 'earlier' }, { outcome: { status: 'completed' }, polls: 0 });
    const byId = await runCli(['download', id, '-o', join(dir, 'by-id.mp4'), ...FAST], { env: cliEnv(server) });
    expect(byId.code, byId.stderr).toBe(0);
    const url = byId.events.find((e) => e.event === 'completed')!.url as string;
    const byUrl = await runCli(['download', url, '-o', join(dir, 'by-url.mp4')], { env: cliEnv(server) });
    expect(byUrl.code, byUrl.stderr).toBe(0);
    expect(byUrl.events.at(-1)).toMatchObject({ event: 'saved', url, path: join(dir, 'by-url.mp4') });
    expect(sha256(join(dir, 'by-url.mp4'))).toBe(sha256(join(dir, 'by-id.mp4')));
    server.inject(faults.expired());
    const expired = await runCli(['download', url, '-o', join(dir, 'expired.mp4')], { env: cliEnv(server) });
    expect(expired.code).toBe(3);
    expect(expired.events.at(-1)).toMatchObject({ event: 'failed', error: { name: 'ResultExpiredError' } });
    expect(existsSync(join(dir, 'expired.mp4'))).toBe(false);
    const noOut = await runCli(['download', url], { env: cliEnv(server) });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('download needs -o <path>');
  }, 60_000); // four CLI processes, one after the other
});
