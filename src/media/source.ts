import { filePathOf, isLocalFile, type LocalMedia } from './local-file.js';

/** Bytes read from disk per chunk: large enough to be fast, small enough that a 100 MB file is never held whole. */
export const CHUNK_BYTES = 64 * 1024;

/** The bytes of one piece of local media, read on demand. Every method may be called more than once. */
export interface MediaSource {
  /** What it is, for messages: the path, `a Blob (cat.png)` or `bytes`. */
  readonly label: string;
  /** The file name to upload under, when it has one. */
  readonly name: string | undefined;
  /** The `type` a Blob declared, if any (a hint only: the format is read from the bytes). */
  readonly declaredType: string | undefined;
  /** The size in bytes. */
  size(): Promise<number>;
  /** Up to `n` bytes from the start. */
  head(n: number): Promise<Uint8Array>;
  /** Up to `n` bytes from `offset` (fewer at the end): the container reader's ranged reads. */
  read(offset: number, n: number): Promise<Uint8Array>;
  /**
   * Every byte, in chunks of at most {@link CHUNK_BYTES}, read as they are asked for (an async iterable rather than a
   * web stream: an upload hands it to the socket without a chain of stream wrappers). Ending the iteration early
   * closes what it opened.
   */
  stream(): AsyncIterable<Uint8Array>;
  /** A file's identity on disk (see {@link FileVersion}); only sources that are files have one. */
  version?(): Promise<FileVersion>;
  /** Releases what the reads hold (a remote source's deadline timer); called once the checks are done with it. */
  close?(): void;
}

/**
 * Which file, at which modification: `key` is its device, inode, size and modification and change times (ns). Bytes
 * written to a file change its times, so an unchanged key means unchanged bytes, except for a write in the same
 * clock tick as the last one: `settled` says the file's last change was long enough before it was looked at
 * ({@link SETTLED_MS}) for its key to be trusted as the key of its bytes.
 */
export interface FileVersion {
  key: string;
  settled: boolean;
}

/** How long ago a file must have last changed for its version to stand for its bytes (coarse file-system clocks: 2 s). */
export const SETTLED_MS = 3000;

/**
 * Media could not be opened or read: a local file (`code` is the system's: ENOENT, EACCES, EISDIR, …, or ENOTREG
 * for a FIFO, socket or device), or a remote URL checked with `checkRemoteMedia` (no `code`).
 */
export class LocalFileProblem extends Error {
  constructor(
    readonly label: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`${label}: ${describeFsError(code, cause)}`, { cause });
  }
}

function describeFsError(code: string | undefined, cause: unknown): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return cause instanceof Error ? cause.message : String(cause);
}

/** The reader for any kind of local media. */
export function toMediaSource(media: LocalMedia): MediaSource {
  if (isLocalFile(media)) return fileSource(media.path, media.name);
  if (media instanceof URL) {
    const path = filePathOf(media);
    return fileSource(path, path.split('/').pop() || undefined);
  }
  if (media instanceof Uint8Array || media instanceof ArrayBuffer) return blobSource(new Blob([media]), 'bytes', undefined);
  const name = typeof (media as File).name === 'string' && (media as File).name !== '' ? (media as File).name : undefined;
  return blobSource(media, name ? `a File (${name})` : 'a Blob', name);
}

function blobSource(blob: Blob, label: string, name: string | undefined): MediaSource {
  return {
    label,
    name,
    declaredType: blob.type || undefined,
    size: async () => blob.size,
    head: async (n) => new Uint8Array(await blob.slice(0, n).arrayBuffer()),
    read: async (offset, n) => new Uint8Array(await blob.slice(offset, offset + n).arrayBuffer()),
    // Blob.stream() chunks can be large; re-chunk so progress and memory behave like a file's.
    stream: () => rechunk(blob.stream()),
  };
}

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

function fileSource(path: string, name: string | undefined): MediaSource {
  return {
    label: path,
    name,
    declaredType: undefined,
    async size() {
      const handle = await openFile(path);
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    },
    head(n) {
      return this.read(0, n);
    },
    async read(offset, n) {
      const handle = await openFile(path);
      try {
        const buffer = new Uint8Array(n);
        const { bytesRead } = await handle.read(buffer, 0, n, offset);
        return buffer.subarray(0, bytesRead);
      } catch (error) {
        throw error instanceof LocalFileProblem ? error : new LocalFileProblem(path, (error as { code?: string }).code, error);
      } finally {
        await handle.close();
      }
    },
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

/** A stream's chunks in pieces of at most {@link CHUNK_BYTES}. */
async function* rechunk(source: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (let offset = 0; offset < value.byteLength; offset += CHUNK_BYTES) yield value.subarray(offset, offset + CHUNK_BYTES);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
