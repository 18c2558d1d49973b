// The download's types: the public options and results, and the `Sink` a destination is opened as.

/** A Node.js `Writable` (e.g. `fs.createWriteStream()`, `process.stdout`), as far as the SDK uses it. */
export interface NodeWritableLike {
  write(chunk: Uint8Array): boolean;
  end(callback?: () => void): unknown;
  once(event: 'drain' | 'error' | 'close' | 'finish', listener: (...args: unknown[]) => void): unknown;
  off?(event: 'drain' | 'error' | 'close' | 'finish', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Where a download goes: a file path (written to its own `<path>.<random>.part`, created exclusively, renamed when
 * complete and verified, the folder created), a Node.js `Writable`, or a WHATWG `WritableStream`. A stream is ended
 * (closed) when the download is complete; when it fails, it is left open for you to destroy.
 */
export type DownloadDestination = string | NodeWritableLike | WritableStream<Uint8Array>;

/** Progress of a download. */
export interface DownloadProgress {
  /** Bytes written so far. */
  received: number;
  /** The size the result host announced, when it did. */
  total: number | undefined;
}

/** Options of `completedTask.download()` and `client.download()`. */
export interface DownloadOptions {
  /** Called after each chunk is written. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Aborts the download with `APIUserAbortError` (a `.part` file is removed). */
  signal?: AbortSignal | undefined;
  /** Milliseconds without a byte arriving before the connection is abandoned and resumed. @default the client's `timeout` */
  timeout?: number | undefined;
  /** How many times a dropped or failing connection is resumed (with `Range`) before `DownloadError`. @default 3 */
  maxRetries?: number | undefined;
}

/** What a finished download wrote. */
export interface DownloadResult {
  /** The file written, when the destination was a path. */
  path?: string | undefined;
  /** Bytes written (checked against the size the result host announced). */
  bytes: number;
  /** The result host's `Content-Type`, e.g. `video/mp4`. */
  contentType: string | undefined;
}

/** Where the bytes of a download go. */
export interface Sink {
  /** The file path, for a path destination. */
  readonly path: string | undefined;
  /** Writes one chunk, waiting while the destination is full (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  /**
   * Throws away what was written, to write the file again from byte 0 (the result host sent a whole, maybe changed,
   * file to a resume). Only a file can; a stream has no `rewind`.
   */
  rewind?(): Promise<void>;
  /** Completes the destination: renames the `.part` file, or ends the stream. */
  finish(): Promise<void>;
  /** Gives up: removes the `.part` file; a stream is left for its owner. */
  abandon(): Promise<void>;
}
