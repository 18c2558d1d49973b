import type { DownloadDestination, NodeWritableLike } from '../types/download.js';

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

const isWhatwg = (dest: unknown): dest is WritableStream<Uint8Array> => typeof (dest as WritableStream).getWriter === 'function';

/** Opens a destination for writing; a path's folder is created. */
export async function openSink(dest: DownloadDestination): Promise<Sink> {
  if (typeof dest === 'string') return fileSink(dest);
  return isWhatwg(dest) ? whatwgSink(dest) : nodeSink(dest);
}

/**
 * The temporary file of one download: `<dest>.<random>.part`, created exclusively (`wx`: never an existing file, never
 * through a symbolic link), so downloads to one path never share one; each renames its own complete file onto `dest`
 * (atomic: the path holds one whole body at any time, the last one renamed in the end). Resumes happen within the
 * call, on this open handle; nothing needs to find the file again, and a failed call removes it.
 */
async function fileSink(path: string): Promise<Sink> {
  const fs = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  const { randomBytes } = await import('node:crypto');
  await fs.mkdir(dirname(path), { recursive: true });
  const part = `${path}.${randomBytes(6).toString('hex')}.part`;
  const handle = await fs.open(part, 'wx', 0o644);
  let position = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    path,
    async write(chunk) {
      for (let offset = 0; offset < chunk.byteLength; ) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset, position);
        offset += bytesWritten;
        position += bytesWritten;
      }
    },
    async rewind() {
      await handle.truncate(0);
      position = 0;
    },
    async finish() {
      await close();
      await fs.rename(part, path);
    },
    async abandon() {
      await close().catch(() => {});
      await fs.rm(part, { force: true }).catch(() => {});
    },
  };
}

function nodeSink(stream: NodeWritableLike): Sink {
  /** Resolves on `event`, rejects on `error` or an early `close`. */
  const until = (event: 'drain' | 'finish'): Promise<void> =>
    new Promise((resolve, reject) => {
      const done = (error?: unknown): void => {
        stream.off?.(event, onEvent);
        stream.off?.('error', onError);
        stream.off?.('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onEvent = (): void => done();
      const onError = (error: unknown): void => done(error ?? new Error('the destination stream failed'));
      const onClose = (): void => done(event === 'finish' ? undefined : new Error('the destination stream was closed'));
      stream.once(event, onEvent);
      stream.once('error', onError);
      stream.once('close', onClose);
    });
  return {
    path: undefined,
    async write(chunk) {
      if (!stream.write(chunk)) await until('drain');
    },
    async finish() {
      const finished = until('finish');
      stream.end();
      await finished;
    },
    async abandon() {},
  };
}

function whatwgSink(stream: WritableStream<Uint8Array>): Sink {
  const writer = stream.getWriter();
  return {
    path: undefined,
    async write(chunk) {
      await writer.ready;
      await writer.write(chunk);
    },
    finish: () => writer.close(),
    async abandon() {
      writer.releaseLock();
    },
  };
}
