import { resolve } from 'node:path';
import { mediaSlots, withValues } from '../media/fields.js';
import { MEDIA_FIELDS, type MediaFields, type MediaRule } from '../media/limits.js';
import { fileFrom } from '../media/local-file.js';
import type { ModelId } from '../models/registry.js';
import { formatBytes } from './format.js';

/** `https://…`, `file:…`: a value with a scheme is a link; anything else (`./cat.jpg`, `C:\cat.jpg`) a local path. */
export function isLink(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);
}

/** Where a model takes media: the SDK's table, by the dotted path of the field (`image_urls`, `model_params.file_url`). */
export function mediaFieldsOf(model: ModelId): Map<string, MediaRule> {
  const fields: MediaFields = MEDIA_FIELDS[model] ?? {};
  return new Map(Object.entries(fields).map(([pattern, rule]) => [pattern.replace(/(\[\]|\.\*)$/, ''), rule]));
}

/** What a media field accepts, in a few words: `a URL or a local file (jpeg, png; ≤ 20 MB; 240–8000 px)`. */
export function mediaText(rule: MediaRule): string {
  const limits = [
    rule.formats.join(', '),
    `≤ ${formatBytes(rule.maxBytes)}`,
    rule.sides ? `${rule.sides[0]}–${rule.sides[1]} px` : undefined,
  ];
  return `a URL or a local file (${limits.filter(Boolean).join('; ')})`;
}

/** `params` with each local path of a media field (at any depth) replaced by `map(path)`; URLs stay as they are. */
export function mapLocalPaths(params: Record<string, unknown>, model: ModelId, map: (path: string) => unknown): Record<string, unknown> {
  const slots = mediaSlots(params, MEDIA_FIELDS[model] ?? {}).filter((s) => typeof s.value === 'string' && !isLink(s.value));
  return slots.length === 0
    ? params
    : withValues(
        params,
        slots.map((s) => [s.path, map(s.value as string)]),
      );
}

/**
 * Local paths in the media fields of `params` (at any depth: lists, `model_params`) become `fileFrom(path)`, for the
 * SDK to check and upload as it does for any caller; URLs stay as they are. Relative paths are resolved from `baseDir`.
 */
export function localMediaIn(
  params: Record<string, unknown>,
  model: ModelId,
  baseDir = '.',
): { params: Record<string, unknown>; files: string[] } {
  const files: string[] = [];
  const out = mapLocalPaths(params, model, (path) => {
    files.push(path);
    return fileFrom(resolve(baseDir, path));
  });
  return { params: out, files };
}

/** The local paths named in the media fields of `params`, as written. */
export function localPathsIn(params: Record<string, unknown>, model: ModelId): string[] {
  const paths: string[] = [];
  mapLocalPaths(params, model, (path) => paths.push(path));
  return paths;
}

/** `params` with every local path replaced by a placeholder URL, to check the rest against the schema. */
export function mediaPlaceholders(params: Record<string, unknown>, model: ModelId): Record<string, unknown> {
  return mapLocalPaths(params, model, () => 'https://local-file.invalid/placeholder');
}
