import { loadClientEngine } from './client-engine-loader.js';
import type { ContentKeyOptions } from './request/content-key.js';

export type { ContentKeyOptions };

/**
 * A deterministic `Idempotency-Key` for a request, from its content: the same parameters give the same key in any
 * process, whatever their key order, with the documented defaults applied, and local media counted by the SHA-256 of
 * its bytes (not its path). EvoLink answers a create that reuses a key with the task it already made, so retries,
 * crashed workers and double-clicks bill once. The random default key stays the SDK's choice: a content key also
 * merges **intentional** duplicates (the same prompt twice for two takes); add a `scope` or a take number to keep
 * those apart.
 *
 * Invalid parameters throw the same `ValidationError` a create would. Valid for EvoLink's key format (16–96 of
 * `[A-Za-z0-9._-]`).
 *
 * @example
 * ```ts
 * const params = { model: 'wan2.7-text-to-video', prompt: 'A cat playing piano' } as const;
 * const task = await client.generate(params, { idempotencyKey: await contentKey(params) });
 * ```
 */
export function contentKey(params: unknown, options?: ContentKeyOptions): Promise<string> {
  return loadClientEngine().contentKey(params, options);
}
