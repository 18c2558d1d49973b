// The container reader against ffprobe's measurements of the same files (manifest.json, written by
// scripts/make-media-fixtures.sh), and its reads on a 100 MB clip whose moov sits at the end.
import { mkdtempSync, openAsBlob, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFrom } from '../../src/index.js';
import { inspectMedia } from '../../src/media/inspect.js';
import { toMediaSource } from '../../src/media/source.js';
import { setup } from '../support/fake.js';
import { clipWithMoovAtEnd, fixture } from '../support/media.js';

type Probe = { duration: number; width?: number; height?: number };
const manifest = JSON.parse(readFileSync(fixture('av/manifest.json'), 'utf8')) as Record<string, Probe>;

describe('lengths and picture sizes, as ffprobe measures them', () => {
  it.each(Object.entries(manifest).filter(([file]) => file !== 'clip-fragmented.mp4'))('%s', async (file, probe) => {
    const facts = await inspectMedia(toMediaSource(fileFrom(fixture(`av/${file}`))));
    expect(facts.seconds).toBeCloseTo(probe.duration, 3);
    expect(facts.unread).toBeUndefined();
    expect([facts.width, facts.height]).toEqual([probe.width, probe.height]);
  });

  it('a fragmented MP4 whose moov states no length: the size is read, the length is not (ffprobe adds up the fragments)', async () => {
    const facts = await inspectMedia(toMediaSource(fileFrom(fixture('av/clip-fragmented.mp4'))));
    expect(facts).toMatchObject({ seconds: undefined, width: 480, height: 270, format: { name: 'mp4' } });
    expect(facts.unread).toMatch(/no duration/);
  });
});

describe('a 100 MB clip with its moov at the end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-big-clip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const { path, size } = clipWithMoovAtEnd(join(dir, 'big.mp4'));

  it('from a path: a few reads, bounded bytes (the 100 MB mdat is skipped by its size)', async () => {
    // Counts what every FileHandle reads (the SDK reads files through node:fs/promises handles).
    const handle = await open(path);
    const proto = Object.getPrototypeOf(handle) as { read: (...args: unknown[]) => Promise<{ bytesRead: number }> };
    await handle.close();
    const read = proto.read;
    let bytes = 0;
    proto.read = async function (this: unknown, ...args: unknown[]) {
      const result = await read.apply(this, args);
      bytes += result.bytesRead;
      return result;
    };
    try {
      const facts = await inspectMedia(toMediaSource(fileFrom(path)));
      expect(facts).toMatchObject({ size, seconds: 6, width: 240, height: 240 });
    } finally {
      proto.read = read;
    }
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(80 * 1024); // the 64 KiB header read, box headers and the moov
  });

  it('from a Blob backed by the file: the same, through Blob.slice', async () => {
    const blob = await openAsBlob(path);
    const slice = blob.slice.bind(blob);
    let bytes = 0;
    Object.defineProperty(blob, 'slice', {
      value: (start?: number, end?: number) => {
        const part = slice(start, end);
        bytes += part.size;
        return part;
      },
    });
    const facts = await inspectMedia(toMediaSource(blob));
    expect(facts).toMatchObject({ seconds: 6, width: 240, height: 240 });
    expect(bytes).toBeLessThan(80 * 1024);
  });

  it('through the client: the estimate is exact and nothing is uploaded', async () => {
    const { server, client } = await setup();
    const estimate = await client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [fileFrom(path)] });
    expect(estimate).toMatchObject({ inputSeconds: 6, exact: true });
    expect(server.fileRequests).toHaveLength(0);
  });
});
