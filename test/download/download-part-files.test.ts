// Temporary download files: each download writes its own `<dest>.<random>.part`, created exclusively (never an
// existing file, never through a symbolic link) and renamed onto `dest` when complete, so a link planted at the
// temporary name cannot redirect the bytes, and downloads to one path at once leave one complete, unmixed body.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WanClient } from '../../src/index.js';
import { type Loopback, startLoopback } from '../support/loopback.js';

const BODIES = Array.from({ length: 10 }, (_, i) => new Uint8Array(randomBytes(200_000 + i * 7_919)));
const CHUNK = 16 * 1024;
let host: Loopback;

beforeAll(async () => {
  // /body/<i> sends BODIES[i] in small chunks, a turn of the event loop apart, so concurrent downloads interleave.
  host = await startLoopback((req, res) => {
    const body = BODIES[Number(/^\/body\/(\d+)/.exec(req.url ?? '')?.[1])]!;
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'video/mp4', etag: `"${req.url}"` });
    const send = (offset: number): void => {
      if (offset >= body.length) return void res.end();
      res.write(body.subarray(offset, offset + CHUNK), () => setImmediate(() => send(offset + CHUNK)));
    };
    send(0);
  });
});
afterAll(() => host.close());

const client = () => new WanClient({ apiKey: 'sk-test-download' });
const url = (i: number): string => `${host.url}/body/${i}`;
const folder = (): string => mkdtempSync(join(tmpdir(), 'evolink-part-'));
const bytesOf = (path: string): Buffer => readFileSync(path);
const whichBody = (bytes: Buffer): number => BODIES.findIndex((b) => bytes.equals(Buffer.from(b)));

describe('temporary download files', () => {
  it.each([
    ['a symbolic link at <dest>.part', (dest: string) => `${dest}.part`],
    ['a symbolic link at the destination itself', (dest: string) => dest],
  ])('%s never redirects the bytes into the file it points at', async (_name, linkAt) => {
    const dir = folder();
    const victim = join(dir, 'precious.txt');
    writeFileSync(victim, 'keep me');
    const dest = join(dir, 'cat.mp4');
    symlinkSync(victim, linkAt(dest));
    const saved = await client().download(url(0), dest);
    expect(saved.bytes).toBe(BODIES[0]!.length);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(dest).isFile()).toBe(true);
    expect(whichBody(bytesOf(dest))).toBe(0);
    expect(readdirSync(dir).filter((name) => name.endsWith('.part') && name !== 'cat.mp4.part')).toEqual([]);
  });

  it('a regular file at <dest>.part (an older download’s) is left alone', async () => {
    const dir = folder();
    const dest = join(dir, 'cat.mp4');
    writeFileSync(`${dest}.part`, 'not mine');
    await client().download(url(1), dest);
    expect(readFileSync(`${dest}.part`, 'utf8')).toBe('not mine');
    expect(whichBody(bytesOf(dest))).toBe(1);
  });

  it.each([2, 3, 10])('%i downloads to one path at once: each resolves on a complete, unmixed file', async (count) => {
    const dir = folder();
    const dest = join(dir, 'same.mp4');
    const seenAtResolve: number[] = [];
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client()
          .download(url(i), dest)
          .then((saved) => {
            seenAtResolve.push(whichBody(bytesOf(dest))); // read at once: what the caller finds when its call resolves
            return saved;
          }),
      ),
    );
    expect(results.map((r) => r.bytes)).toEqual(BODIES.slice(0, count).map((b) => b.length));
    expect(seenAtResolve.every((i) => i >= 0)).toBe(true);
    expect(whichBody(bytesOf(dest))).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir)).toEqual(['same.mp4']);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });
});
