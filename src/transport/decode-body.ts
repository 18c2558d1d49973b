import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { BodyDecodeError, BodyTooLargeError, declaredTooLarge } from './wire.js';

// Bodies that fetch does not decode (undici's `request()` and `dispatch()`, Node.js only): kept apart from wire.ts
// so that the edge build, which reads every body through fetch, has no node:zlib.

/** HTTP's `deflate` is zlib-wrapped (RFC 9110), but some servers send raw deflate: both are accepted. */
function inflateEither(bytes: Buffer, options: ZlibOptions): Buffer {
  try {
    return inflateSync(bytes, options);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw error;
    return inflateRawSync(bytes, options);
  }
}

const DECODERS = new Map<string, (bytes: Buffer, options: ZlibOptions) => Buffer>([
  ['gzip', gunzipSync],
  ['x-gzip', gunzipSync],
  ['br', brotliDecompressSync],
  ['deflate', inflateEither],
]);

/**
 * A received body as text: decoded by its `Content-Encoding` (gzip, br, deflate; several in the order applied), each
 * stage's output capped at `limit` bytes — zlib stops there, so a small body that expands enormously never fills
 * memory ({@link BodyTooLargeError}) — and a leading UTF-8 byte order mark dropped.
 */
export function decodeBody(bytes: Buffer, contentEncoding: string | undefined, limit: number): string {
  let body = bytes;
  const codings = contentEncoding?.split(',').map((coding) => coding.trim().toLowerCase()) ?? [];
  for (const coding of codings.reverse()) {
    if (coding === '' || coding === 'identity') continue;
    const decode = DECODERS.get(coding);
    if (decode === undefined) throw new BodyDecodeError(coding);
    try {
      body = decode(body, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(limit, '');
      throw new BodyDecodeError(coding, { cause: error });
    }
  }
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The Node.js `Readable` an undici `dispatcher.request()` answers with (undici 6, 7 and 8). */
export interface BodyStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  destroy(error?: Error): unknown;
}

/**
 * Same as {@link readBodyCapped}, for the body of an undici `dispatcher.request()`, which (unlike fetch) does not
 * decode it: past the cap the body is destroyed, and the bytes are decoded by {@link decodeBody}.
 */
export function readStreamCapped(body: BodyStream, headers: Record<string, string>, limit: number): Promise<string> {
  const contentLength = headers['content-length'];
  return new Promise((resolve, reject) => {
    if (declaredTooLarge(contentLength, limit)) {
      body.destroy();
      reject(new BodyTooLargeError(limit, ''));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk) => {
      size += chunk.byteLength;
      if (size > limit) {
        body.destroy();
        reject(new BodyTooLargeError(limit, Buffer.concat(chunks).toString('utf8')));
      } else chunks.push(chunk);
    });
    body.on('end', () => {
      try {
        resolve(decodeBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), headers['content-encoding'], limit));
      } catch (error) {
        reject(error);
      }
    });
    body.on('error', reject);
  });
}
