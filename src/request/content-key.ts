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

/** The content-derived `Idempotency-Key` of a request: see `contentKey` in src/content-key.ts, the public entry. */
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
