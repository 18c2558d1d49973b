const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Text that may hold a forbidden key: one of the names, or a `\u` escape (JSON can spell `__proto__` as
 * `"\u005f_proto__"`). Anything else cannot produce such a key, so it is parsed without a reviver.
 */
const MAYBE_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

const dropForbidden = (key: string, value: unknown): unknown => (FORBIDDEN_KEYS.has(key) ? undefined : value);

/**
 * `JSON.parse` that drops `__proto__`, `constructor` and `prototype` keys at every depth, so a hostile response
 * cannot smuggle a prototype-polluting key into objects the SDK or the caller later merges. The usual answer
 * contains none of them and is parsed by plain `JSON.parse` (a reviver costs a call per value).
 */
export function safeJsonParse(text: string): unknown {
  return MAYBE_FORBIDDEN.test(text) ? JSON.parse(text, dropForbidden) : JSON.parse(text);
}

/** `true` for keys that must never be copied into a request or a result. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}
