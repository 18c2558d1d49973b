// Memory, measured: a 100 MB upload and a 300 MB download, each in a child process (so the fake server's own buffers
// do not count), must grow the process's RSS by less than the body over a warmed-up baseline: 64 MB for the download
// (2–25 MB seen). An upload's sent chunks are garbage that V8 frees only once about 64 MB of such memory has piled
// up, so its growth sits near that threshold (45–64 MB over 20 runs; 87 MB once with 64 KiB chunks): its bound is 96 MB,
// which a 100 MB body held whole (with the read buffers beside it) cannot meet. The files API takes at most 100 MB,
// so no larger upload can widen the margin. Together about 10 s.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FakeEvoLinkServer } from '../../src/testing/index.js';

const run = promisify(execFile);
const MB = 1024 * 1024;
const LIMIT = 64 * MB;
const UPLOAD_LIMIT = 96 * MB;

async function child(server: FakeEvoLinkServer, ...args: string[]): Promise<{ growth: number; size: number; sha256: string; ms: number }> {
  const env = { ...process.env, EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url, EVOLINK_FILES_BASE_URL: server.filesUrl };
  const script = join(import.meta.dirname, 'big-files-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], { env, timeout: 120_000 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
  console.log(`${args[0]}: RSS growth ${(result.growth / MB).toFixed(1)} MB, ${(result.size / MB).toFixed(0)} MB in ${result.ms} ms`);
  return result;
}

describe('big files are streamed, never held whole', () => {
  it('uploads a 100 MB file with RSS growth under 96 MB', async () => {
    const server = await FakeEvoLinkServer.start();
    try {
      const result = await child(server, 'upload');
      expect(result.size).toBe(100 * MB);
      const stored = [...server.uploads.values()].find((u) => u.bytes.byteLength === 100 * MB);
      expect(stored?.sha256).toBe(result.sha256);
      expect(result.growth).toBeLessThan(UPLOAD_LIMIT);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('downloads a 300 MB result with RSS growth under 64 MB, byte for byte', async () => {
    const server = await FakeEvoLinkServer.start({
      plan: () => ({ outcome: { status: 'completed', video: { size: 300 * MB } }, polls: 0 }),
    });
    try {
      const id = server.seedTask(
        { model: 'wan2.7-text-to-video', prompt: 'big' },
        { outcome: { status: 'completed', video: { size: 300 * MB } }, polls: 0 },
      );
      const url = `${server.contentUrl}/videos/${id}.mp4`;
      const result = await child(server, 'download', url);
      expect(result.size).toBe(300 * MB);
      expect(result.sha256).toBe(server.contentSha256(url));
      expect(result.growth).toBeLessThan(LIMIT);
    } finally {
      await server.close();
    }
  }, 180_000);
});
