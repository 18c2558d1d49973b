/**
 * Replaces every occurrence of `secret` in `text` with `[REDACTED]`. Used on everything derived from a response
 * body, in case a proxy echoes the Authorization header back.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[REDACTED]');
}

/** Redacts the secret from every string inside a JSON-like value (returns a copy). */
export function redactDeep(value: unknown, secret: string | undefined): unknown {
  if (typeof value === 'string') return redact(value, secret);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secret));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k, secret)] = redactDeep(v, secret);
    return out;
  }
  return value;
}
