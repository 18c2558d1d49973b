import { UnsupportedRuntimeError } from '../errors/index.js';
import type { Sink } from './types.js';

/** The edge build's `file-sink.ts`: there is no file system to save a download to. */
export async function fileSink(path: string): Promise<Sink> {
  throw new UnsupportedRuntimeError(
    `download(…, ${JSON.stringify(path)})`,
    'pass a WritableStream (for example the writable side of a TransformStream whose readable side you return as a Response), or hand task.url to whoever needs the video',
  );
}
