// Child process of big-files.test.ts: uploads a generated 100 MB file or downloads a 300 MB result through the SDK
// and prints the peak RSS growth over a warmed-up baseline, so the parent can check nothing was held whole.
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileFrom, WanClient } from '../../src/index.js';

const MB = 1024 * 1024;
const [mode, target] = process.argv.slice(2);
const client = new WanClient({ maxRetries: 0 });
const dir = mkdtempSync(join(tmpdir(), 'evolink-big-'));

/** Writes `size` bytes of a fixed pattern in 1 MiB chunks (the file is never in memory whole). */
function generateFile(path: string, size: number): void {
  const chunk = new Uint8Array(MB).map((_, i) => (i * 31 + 7) & 0xff);
  const fd = openSync(path, 'w');
  for (let written = 0; written < size; written += MB) writeSync(fd, chunk, 0, Math.min(MB, size - written));
  closeSync(fd);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};

try {
  const started = Date.now();
  let result: Record<string, unknown>;
  if (mode === 'upload') {
    const path = join(dir, 'clip.bin');
    generateFile(path, 100 * MB);
    const warm = join(dir, 'warm.bin');
    generateFile(warm, MB);
    await client.files.upload(fileFrom(warm)); // loads fetch, undici and node:crypto before the baseline
    const baseline = process.memoryUsage().rss;
    const timer = setInterval(sample, 20);
    const file = await client.files.upload(fileFrom(path));
    clearInterval(timer);
    sample();
    result = { baseline, growth: peak - baseline, size: file.size, sha256: await sha256File(path) };
  } else {
    await client.download(target!, join(dir, 'warm.mp4'), { onProgress: () => {} }).catch(() => undefined);
    const baseline = process.memoryUsage().rss;
    const timer = setInterval(sample, 20);
    const saved = await client.download(target!, join(dir, 'big.mp4'));
    clearInterval(timer);
    sample();
    result = { baseline, growth: peak - baseline, size: saved.bytes, sha256: await sha256File(join(dir, 'big.mp4')) };
  }
  console.log(JSON.stringify({ ...result, ms: Date.now() - started }));
} finally {
  rmSync(dir, { recursive: true, force: true });
  await client.close();
}
