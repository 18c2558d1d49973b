const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `JSON.parse` that drops `__proto__`, `constructor` and `prototype` keys at every depth, so a hostile response
 * cannot smuggle a prototype-polluting key into objects the SDK or the caller later merges.
 */
export function safeJsonParse(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
}

/** `true` for keys that must never be copied into a request or a result. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}
