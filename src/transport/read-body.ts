/** Thrown when a body exceeds its byte cap; the stream has been cancelled. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly partial: string,
  ) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** `true` when a `content-length` header already announces more than `limit` bytes. */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength);
  return contentLength != null && Number.isFinite(declared) && declared > limit;
}

/**
 * Reads a fetch `Response` body as UTF-8 text without ever holding more than `limit` bytes: past the cap the stream is
 * cancelled (closing the connection) and {@link BodyTooLargeError} is thrown with what was read so far.
 */
export async function readBodyCapped(response: Response, limit: number): Promise<string> {
  const body = response.body;
  if (!body) return '';
  if (declaredTooLarge(response.headers.get('content-length'), limit)) {
    await body.cancel().catch(() => {});
    throw new BodyTooLargeError(limit, '');
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit, text);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** The Node.js `Readable` an undici `dispatcher.request()` answers with (undici 6, 7 and 8). */
export interface BodyStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  destroy(error?: Error): unknown;
}

/** Same as {@link readBodyCapped}, for the body of an undici `dispatcher.request()`; past the cap the body is destroyed. */
export function readStreamCapped(body: BodyStream, contentLength: string | undefined, limit: number): Promise<string> {
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
    body.on('end', () => resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8')));
    body.on('error', reject);
  });
}
