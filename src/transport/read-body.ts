/** Thrown when a body exceeds its byte cap; the stream has been cancelled. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number, readonly partial: string) {
    super(`response body larger than ${limit} bytes`);
  }
}

/**
 * Reads a response body as UTF-8 text without ever holding more than `limit` bytes: past the cap the stream is
 * cancelled (closing the connection) and {@link BodyTooLargeError} is thrown with what was read so far.
 */
export async function readBodyCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  const body = response.body;
  if (!body) return '';
  if (Number.isFinite(declared) && declared > limit) {
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
