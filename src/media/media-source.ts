/**
 * Bytes read from disk per chunk: large enough to be fast (64 KiB chunks make four times the reads, socket writes and
 * waits for the socket to drain: a raw upload of 64 KiB reads runs at 0.6–0.75× the throughput of one of 256 KiB reads
 * on loopback, bench/upload.mjs), small enough that a 100 MB file is never held whole.
 */
export const CHUNK_BYTES = 256 * 1024;

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
  /**
   * Runs `reads` with the ranged reads it makes (`size`, `head`, `read`) sharing what they open, released when it
   * settles: a file's one handle. Without it (or outside it) each read opens and releases its own.
   */
  reading?<T>(reads: () => Promise<T>): Promise<T>;
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
