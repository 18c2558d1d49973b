/**
 * Replaces every occurrence of `secret` in `text` with `[REDACTED]`. Used on everything derived from a response
 * body, in case a proxy echoes the Authorization header back.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.replaceAll(secret, '[REDACTED]');
}

/**
 * Replaces `secret` in the text properties (`message`, `stack`, …) of an error and of its causes, in place, and
 * returns it: a transport error kept as an SDK error's `cause` may quote the request headers (undici's `MockAgent` does),
 * and `util.inspect(err)` prints the whole chain.
 */
export function scrubError<T>(error: T, secret: string | undefined): T {
  if (!secret || secret.length < 4) return error;
  const seen = new Set<unknown>();
  for (
    let e: unknown = error, depth = 0;
    e !== null && typeof e === 'object' && depth < 8 && !seen.has(e);
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    seen.add(e);
    for (const key of Object.getOwnPropertyNames(e)) {
      const descriptor = Object.getOwnPropertyDescriptor(e, key);
      if (typeof descriptor?.value !== 'string' || !descriptor.value.includes(secret)) continue;
      if (descriptor.writable) (e as Record<string, unknown>)[key] = redact(descriptor.value, secret);
      else if (descriptor.configurable) Object.defineProperty(e, key, { ...descriptor, value: redact(descriptor.value, secret) });
    }
  }
  return error;
}
