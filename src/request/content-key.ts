import { ValidationError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import { isUploadable, mediaSlots, withValues } from '../media/fields.js';
import { sha256Of } from '../media/hash.js';
import { MEDIA_FIELDS } from '../media/limits.js';
import type { LocalMedia } from '../media/local-file.js';
import { toMediaSource } from '../media/source.js';
import type { ModelId } from '../models/registry.js';
import { checkParams, selectModel } from './build-generation.js';

/** How {@link contentKey} reads a request. */
export interface ContentKeyOptions {
  /** The model when `params.model` is omitted (as a method's default: `imageToVideo` uses `wan2.7-image-to-video`). */
  model?: ModelId | undefined;
  /**
   * Mixed into the key, so that equal requests of different owners (users, tenants) do not share a task:
   * `contentKey(params, { scope: userId })`.
   */
  scope?: string | undefined;
  /** Stops reading local media. */
  signal?: AbortSignal | undefined;
}

/** The defaults the docs state, applied so that a request written with or without them has one key. */
const DOCUMENTED_DEFAULTS: Partial<Record<ModelId, Record<string, unknown>>> = {
  'wan2.7-text-to-video': { quality: '720p', duration: 5 },
  'wan2.7-image-to-video': { quality: '720p', duration: 5 },
  'wan2.7-reference-video': { quality: '720p', duration: 5 },
  'wan2.7-video-edit': { quality: '720p', duration: 0 },
  'wan3.0-text-to-video': { quality: '720p', duration: 5 },
  'wan3.0-image-to-video': { quality: '720p', duration: 5 },
  'wan3.0-reference-video': { quality: '720p', duration: 5 },
};

const PLACEHOLDER = 'https://content-key.invalid/';

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
export async function contentKey(params: unknown, options: ContentKeyOptions = {}): Promise<string> {
  const { params: given, model } = selectModel(params, { defaultModel: options.model });
  const modelId = model.id as ModelId;
  const locals = mediaSlots(given, MEDIA_FIELDS[modelId] ?? {}).filter((s) => isUploadable(s.value) || s.value instanceof URL);
  const stand = locals.map((s, i): [(string | number)[], unknown] => [
    s.path,
    isUploadable(s.value) ? `${PLACEHOLDER}${i}` : (s.value as URL).href,
  ]);
  const { data, issues } = checkParams(model, withValues(given, stand));
  if (!data) throw new ValidationError(issues, modelId);
  const media: [(string | number)[], unknown][] = [];
  for (const slot of locals) {
    if (!isUploadable(slot.value)) continue;
    options.signal?.throwIfAborted();
    media.push([slot.path, { sha256: await sha256Of(toMediaSource(slot.value as LocalMedia), options.signal) }]);
  }
  const canonical = canonicalJson({
    scope: options.scope ?? null,
    request: { ...DOCUMENTED_DEFAULTS[modelId], ...withValues(data, media) },
  });
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return `wan-ck-${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** JSON with object keys sorted at every depth and `undefined` left out, so equal content is equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
