import { CHUNK_BYTES, LocalFileProblem, SETTLED_MS, type MediaSource } from './media-source.js';

// The edge build replaces this file with file-source.edge.ts (same exports): see tsup.config.ts.

type FileHandle = import('node:fs/promises').FileHandle;

/** node:fs/promises, imported on first use (Node, Deno and Bun all provide it). */
const fsPromises = (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');

/** What a path that is not a regular file is, for messages (`undefined`: a regular file). */
function notARegularFile(stat: import('node:fs').Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a regular file: save what it carries to a file and pass that';
  if (stat.isSocket()) return 'is a socket, not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a regular file';
  return 'is not a regular file';
}

/**
 * Opens a regular file for reading. The type is checked with `stat` first, because opening a FIFO blocks a libuv
 * thread until a writer appears (no signal or timeout can end that); the open itself is non-blocking where the
 * platform has `O_NONBLOCK`, and the type is checked again on the handle, so a path swapped for a FIFO in between
 * cannot block either.
 */
async function openFile(path: string): Promise<FileHandle> {
  const fs = await fsPromises();
  const { constants } = await import('node:fs');
  const refuse = (stat: import('node:fs').Stats): void => {
    const what = notARegularFile(stat);
    if (what !== undefined) throw new LocalFileProblem(path, stat.isDirectory() ? 'EISDIR' : 'ENOTREG', new Error(what));
  };
  let handle: FileHandle | undefined;
  try {
    refuse(await fs.stat(path));
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    refuse(await handle.stat());
    return handle;
  } catch (error) {
    await handle?.close().catch(() => {});
    throw error instanceof LocalFileProblem ? error : new LocalFileProblem(path, (error as { code?: string }).code, error);
  }
}

/**
 * The ranged reads of a file (its size, header, boxes). Inside `reading(…)` they share one handle, opened by the
 * first of them and closed when it settles: a media check runs inside one, so a clip's check opens the file once,
 * not once per read. A read outside one opens and closes its own. No timer decides when the handle closes, so a
 * caller's fake timers cannot keep it open.
 */
function fileReads(path: string): {
  withHandle: <T>(read: (handle: FileHandle) => Promise<T>) => Promise<T>;
  reading: <T>(reads: () => Promise<T>) => Promise<T>;
} {
  let shared: Promise<FileHandle> | undefined;
  let sessions = 0;
  const sharedHandle = (): Promise<FileHandle> => {
    if (shared === undefined) {
      const opening = openFile(path);
      shared = opening;
      // A failed open is not kept: the next read tries again.
      opening.catch(() => {
        if (shared === opening) shared = undefined;
      });
    }
    return shared;
  };
  const withHandle = async <T>(read: (handle: FileHandle) => Promise<T>): Promise<T> => {
    try {
      if (sessions > 0) return await read(await sharedHandle());
      const handle = await openFile(path);
      try {
        return await read(handle);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw error instanceof LocalFileProblem ? error : new LocalFileProblem(path, (error as { code?: string }).code, error);
    }
  };
  const reading = async <T>(reads: () => Promise<T>): Promise<T> => {
    sessions++;
    try {
      return await reads();
    } finally {
      const last = --sessions === 0 ? shared : undefined;
      if (last) {
        shared = undefined;
        await last.then((handle) => handle.close()).catch(() => {});
      }
    }
  };
  return { withHandle, reading };
}

/** A file on disk as media (Node.js, Deno and Bun). */
export function fileSource(path: string, name: string | undefined): MediaSource {
  const { withHandle, reading } = fileReads(path);
  return {
    label: path,
    name,
    declaredType: undefined,
    reading,
    size: () => withHandle(async (handle) => (await handle.stat()).size),
    head(n) {
      return this.read(0, n);
    },
    read: (offset, n) =>
      withHandle(async (handle) => {
        const buffer = new Uint8Array(n);
        const { bytesRead } = await handle.read(buffer, 0, n, offset);
        return buffer.subarray(0, bytesRead);
      }),
    stream: () => fileChunks(path),
    async version() {
      try {
        const stat = await (await fsPromises()).stat(path, { bigint: true });
        // File times are wall-clock times: compared with Date.now(), not the client's clock.
        const settledBefore = BigInt(Date.now() - SETTLED_MS) * 1_000_000n;
        return {
          key: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`,
          settled: stat.mtimeNs < settledBefore && stat.ctimeNs < settledBefore,
        };
      } catch (error) {
        throw new LocalFileProblem(path, (error as { code?: string }).code, error);
      }
    },
  };
}

/**
 * A file's bytes, opened (as {@link openFile} opens) on the first read and closed at the end or when the reader
 * stops. One read runs ahead: the next chunk is read from disk while the last one is being sent.
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const handle = await openFile(path);
  const readAt = async (position: number): Promise<Uint8Array> => {
    const buffer = new Uint8Array(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    return bytesRead === CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead);
  };
  let ahead = readAt(0);
  try {
    for (let position = 0; ; ) {
      ahead.catch(() => {}); // awaited below; not an unhandled rejection while the last chunk is sent
      const chunk = await ahead;
      if (chunk.byteLength === 0) return;
      position += chunk.byteLength;
      ahead = readAt(position);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof LocalFileProblem ? error : new LocalFileProblem(path, (error as { code?: string }).code, error);
  } finally {
    await ahead.catch(() => {});
    await handle.close().catch(() => {});
  }
}
