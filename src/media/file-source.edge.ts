import { UnsupportedRuntimeError } from '../errors/index.js';
import type { MediaSource } from './media-source.js';

/**
 * The edge build's `file-source.ts`: there is no file system, so a path (`fileFrom(path)`, a `file:` URL) is refused
 * before anything is read or sent.
 */
export function fileSource(path: string, _name: string | undefined): MediaSource {
  throw new UnsupportedRuntimeError(
    `fileFrom(${JSON.stringify(path)})`,
    'pass the bytes instead: a File (from a form or `await request.formData()`), a Blob, a Uint8Array or an ArrayBuffer, or an https:// URL the gateway can fetch',
  );
}
