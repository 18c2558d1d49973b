// A file's reads: a check's ranged reads (size, header, boxes) share one handle, closed once they are done; an
// upload streams the file in 256 KiB chunks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fileSource } from '../../src/media/file-source.js';
import { inspectMedia } from '../../src/media/inspect.js';
import { LocalFileProblem } from '../../src/media/source.js';
import { clipWithMoovAtEnd } from '../support/media.js';

const dir = mkdtempSync(join(tmpdir(), 'evolink-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Method = (...args: unknown[]) => Promise<unknown>;
type Handle = { fd: number };

/** Records the FileHandles that read or stat (the SDK reads files through node:fs/promises handles) until `restore()`. */
async function watchHandles(): Promise<{ used: Set<Handle>; restore: () => void }> {
  const handle = await open(import.meta.filename);
  const proto = Object.getPrototypeOf(handle) as Record<'read' | 'stat', Method>;
  await handle.close();
  const original = { read: proto.read, stat: proto.stat };
  const used = new Set<Handle>();
  for (const name of ['read', 'stat'] as const) {
    proto[name] = function (this: Handle, ...args: unknown[]) {
      used.add(this);
      return original[name].apply(this, args);
    };
  }
  return { used, restore: () => Object.assign(proto, original) };
}

/** Whether every handle was closed (a closed FileHandle's fd is -1). */
const allClosed = (handles: Set<Handle>): boolean => [...handles].every((handle) => handle.fd === -1);

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('a check reads a file through one handle', () => {
  it("a clip's check (size, header, box headers, moov) opens the file once", async () => {
    const { path, size } = clipWithMoovAtEnd(join(dir, 'clip.mp4'), 1_000_000);
    await inspectMedia(fileSource(path, 'clip.mp4')); // loads the container reader (a first check may wait for it)
    const handles = await watchHandles();
    restore = handles.restore;
    const facts = await inspectMedia(fileSource(path, 'clip.mp4'));
    expect(facts).toMatchObject({ size, seconds: 6 });
    expect(handles.used.size).toBe(1);
  });

  it('no handle outlives its reads: it is closed once they are done', async () => {
    const { path } = clipWithMoovAtEnd(join(dir, 'closed.mp4'), 1_000_000);
    const handles = await watchHandles();
    restore = handles.restore;
    const source = fileSource(path, 'closed.mp4');
    await inspectMedia(source);
    await turn();
    expect(handles.used.size).toBeGreaterThan(0);
    expect(allClosed(handles.used)).toBe(true);
    // A later read opens the file again, and closes it.
    expect((await source.read(0, 8)).byteLength).toBe(8);
    await turn();
    expect(handles.used.size).toBeGreaterThan(1);
    expect(allClosed(handles.used)).toBe(true);
  });

  it('under a caller’s fake timers too: the handle is closed when the check ends, no timer has to fire', async () => {
    const { path } = clipWithMoovAtEnd(join(dir, 'faked.mp4'), 1_000_000);
    await inspectMedia(fileSource(path, 'faked.mp4')); // loads the container reader with real timers
    const handles = await watchHandles();
    restore = handles.restore;
    vi.useFakeTimers();
    try {
      expect(await inspectMedia(fileSource(path, 'faked.mp4'))).toMatchObject({ seconds: 6 });
      expect(handles.used.size).toBe(1);
      expect(allClosed(handles.used)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed open is not kept: the next read opens again', async () => {
    const path = join(dir, 'later.bin');
    const source = fileSource(path, 'later.bin');
    const error = await source.size().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalFileProblem);
    expect((error as LocalFileProblem).code).toBe('ENOENT');
    writeFileSync(path, new Uint8Array(10));
    expect(await source.size()).toBe(10);
  });
});

describe('an upload streams a file', () => {
  it('in chunks of 256 KiB', async () => {
    const path = join(dir, 'chunks.bin');
    writeFileSync(path, new Uint8Array(1024 * 1024 + 5));
    const sizes: number[] = [];
    for await (const chunk of fileSource(path, 'chunks.bin').stream()) sizes.push(chunk.byteLength);
    expect(sizes).toEqual([256 * 1024, 256 * 1024, 256 * 1024, 256 * 1024, 5]);
  });
});
