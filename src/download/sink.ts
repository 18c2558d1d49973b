import { fileSink } from './file-sink.js';
import type { DownloadDestination, NodeWritableLike, Sink } from './types.js';

const isWhatwg = (dest: unknown): dest is WritableStream<Uint8Array> => typeof (dest as WritableStream).getWriter === 'function';

/** Opens a destination for writing; a path's folder is created. */
export async function openSink(dest: DownloadDestination): Promise<Sink> {
  if (typeof dest === 'string') return fileSink(dest);
  return isWhatwg(dest) ? whatwgSink(dest) : nodeSink(dest);
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
