import { isRecord } from '../internal/is-record.js';
import type { ModelId } from '../models/registry.js';
import type { MediaFields, MediaRule } from './limits.js';
import { isLocalMedia, type LocalMedia } from './local-file.js';

/** One media value of a request: where it is, what it is, and what the field accepts. */
export interface MediaSlot {
  path: (string | number)[];
  value: unknown;
  rule: MediaRule;
}

/** The media of a request, after its parameters were validated (step 1 of `resolveMedia`). */
export interface ValidatedMedia {
  modelId: ModelId;
  /** Every value in the model's media fields (URL strings included). */
  slots: MediaSlot[];
  /** Local media to upload. */
  locals: MediaSlot[];
  /** `URL` objects, as the strings they become. */
  links: [MediaSlot['path'], unknown][];
}

/** Every value in the media fields of `params` (URL strings included), in field order. */
export function mediaSlots(params: Record<string, unknown>, fields: MediaFields): MediaSlot[] {
  const slots: MediaSlot[] = [];
  for (const [pattern, rule] of Object.entries(fields)) {
    const each = pattern.endsWith('[]') ? 'items' : pattern.endsWith('.*') ? 'values' : 'one';
    const path = pattern.replace(/(\[\]|\.\*)$/, '').split('.');
    let node: unknown = params;
    for (const key of path) node = isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    if (node === undefined) continue;
    if (each === 'one') slots.push({ path, value: node, rule });
    const entries =
      each === 'items' && Array.isArray(node) ? node.entries() : each === 'values' && isRecord(node) ? Object.entries(node) : [];
    for (const [key, value] of entries) slots.push({ path: [...path, key], value, rule });
  }
  return slots;
}

/** Nesting searched by {@link mayHoldMediaObjects}; media fields sit at most three levels down (`model_params.voice_bindings.*`). */
const MEDIA_OBJECT_DEPTH = 8;

/**
 * `false` when no value in `params`, at any depth, is local media or a `URL` object (the only values the media
 * resolver turns into something else): then only strings, numbers, plain objects and arrays are present, and the
 * per-model media-field scan can be skipped. Conservatively `true` past {@link MEDIA_OBJECT_DEPTH} levels.
 */
export function mayHoldMediaObjects(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MEDIA_OBJECT_DEPTH || isLocalMedia(value)) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (mayHoldMediaObjects(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && mayHoldMediaObjects((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Local media the SDK must upload; a `URL` object with an http(s) address is just a link, not local media. */
export function isUploadable(value: unknown): value is LocalMedia {
  return isLocalMedia(value) && !(value instanceof URL && value.protocol !== 'file:');
}

/** A copy of `params` with the value at each path replaced; `params` itself is never changed. */
export function withValues(
  params: Record<string, unknown>,
  replacements: readonly [path: (string | number)[], value: unknown][],
): Record<string, unknown> {
  const root: Record<string, unknown> = { ...params };
  for (const [path, value] of replacements) {
    let node: Record<string | number, unknown> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const child = node[key];
      const copy = Array.isArray(child) ? [...child] : { ...(child as Record<string, unknown>) };
      node[key] = copy;
      node = copy as Record<string | number, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return root;
}
