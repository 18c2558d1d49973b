/** Thrown when a body exceeds its byte cap; the stream has been cancelled. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly partial: string,
  ) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** Thrown when a body's `Content-Encoding` is not one the SDK decodes, or its bytes do not decode. */
export class BodyDecodeError extends Error {
  constructor(
    readonly encoding: string,
    options?: { cause?: unknown },
  ) {
    super(`response body could not be decoded (content-encoding ${encoding})`, options);
  }
}

/** `true` when a `content-length` header already announces more than `limit` bytes. */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength);
  return contentLength != null && Number.isFinite(declared) && declared > limit;
}

/**
 * Reads a fetch `Response` body (which fetch has already decoded) as UTF-8 text without ever holding more than
 * `limit` bytes: past the cap the stream is cancelled (closing the connection) and {@link BodyTooLargeError} is thrown
 * with what was read so far. The decoder drops a leading byte order mark.
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
