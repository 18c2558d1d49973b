import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';

const BRAND = Symbol.for('evolink-wan.local-file');

/**
 * A file on disk, opened only when it is used and read in chunks (never held whole). Create it with {@link fileFrom}.
 * Works on Node.js, Deno (`--allow-read`) and Bun.
 */
export class LocalFile {
  /** The path as given (relative paths resolve against the working directory when the file is read). */
  readonly path: string;
  /** The file's base name, sent as the upload's file name. */
  readonly name: string;

  /** @internal Use {@link fileFrom}. */
  constructor(path: string) {
    this.path = path;
    this.name = path.split(/[\\/]/).pop() || 'file';
    Object.defineProperty(this, BRAND, { value: true });
  }

  get [Symbol.toStringTag](): string {
    return 'LocalFile';
  }
}

/** `true` for a {@link LocalFile}, also one made by another copy of the SDK. */
export function isLocalFile(value: unknown): value is LocalFile {
  return typeof value === 'object' && value !== null && BRAND in value;
}

/**
 * A local file to pass in any media field (`image_start`, `image_urls[i]`, `video_urls[i]`, `audio_urls[i]`,
 * `audio_url`, `model_params.voice_bindings`, …) or to `client.files.upload()`. Nothing is read here: the file is
 * opened when the call that uses it runs, its header bytes are checked against the field's limits, and it is streamed
 * to EvoLink's files API.
 *
 * @param path a file path, or a `file:` URL
 * @example
 * ```ts
 * const video = await client.imageToVideo({ prompt: 'A cat playing piano', image_start: fileFrom('./cat.jpg') }).waitForResult();
 * ```
 */
export function fileFrom(path: string | URL): LocalFile {
  if (path instanceof URL || (typeof path === 'string' && path.startsWith('file:'))) return new LocalFile(filePathOf(new URL(path)));
  if (typeof path !== 'string' || path === '' || path.includes('\0')) {
    throw new InvalidOptionError('path', `fileFrom needs a file path or a file: URL; got ${describeValue(path)}.`);
  }
  return new LocalFile(path);
}

/** The local path of a `file:` URL (percent-decoded); an `InvalidOptionError` for any other URL. */
export function filePathOf(url: URL): string {
  if (url.protocol !== 'file:') {
    throw new InvalidOptionError('path', `Only file: URLs name local files; got a ${url.protocol} URL. Pass http(s) URLs as strings.`);
  }
  if (url.hostname !== '' && url.hostname !== 'localhost') {
    throw new InvalidOptionError('path', `file: URLs must name a local file (file:///path); got host ${url.hostname}.`);
  }
  const path = decodeURIComponent(url.pathname);
  if (path.includes('\0')) throw new InvalidOptionError('path', 'The file: URL contains a NUL character.');
  // file:///C:/x → C:/x on Windows; POSIX paths keep their leading slash.
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** Local media: a file ({@link fileFrom} or a `file:` URL), a `Blob`/`File`, or bytes. */
export type LocalMedia = LocalFile | URL | Blob | Uint8Array | ArrayBuffer;

/**
 * What a media field accepts: an `https:` (or `http:`) URL string that downloads the file directly, or local media,
 * which the SDK checks and uploads to EvoLink's files API before the task is created.
 */
export type MediaInput = string | LocalMedia;

/** `true` for a value the SDK uploads (anything in {@link LocalMedia}); URL strings are not. */
export function isLocalMedia(value: unknown): value is LocalMedia {
  if (typeof value !== 'object' || value === null) return false;
  if (isLocalFile(value) || value instanceof URL || value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  return typeof Blob !== 'undefined' && value instanceof Blob;
}
