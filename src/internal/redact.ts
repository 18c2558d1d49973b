/**
 * Replaces every occurrence of `secret` in `text` with `[REDACTED]`. Used on everything derived from a response
 * body, in case a proxy echoes the Authorization header back.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.replaceAll(secret, '[REDACTED]');
}
