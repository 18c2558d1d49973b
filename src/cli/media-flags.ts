import { resolve } from 'node:path';
import { isRecord } from '../internal/is-record.js';
import { type ModelId, modelJsonSchema } from '../models/registry.js';
import { alternatives, isMediaNode, type JsonNode } from './json-schema.js';

/** `https://…`, `file:…`, `data:…`: a value with a scheme is a link, anything else a local path. */
function isLink(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);
}

/** Replaces each local path found in a media field. */
type PathMapper = (path: string) => unknown;

function convert(field: string, node: JsonNode, value: unknown, map: PathMapper): unknown {
  if (typeof value === 'string') return isMediaNode(field, node) && !isLink(value) ? map(value) : value;
  if (Array.isArray(value)) {
    const items = alternatives(node).find((part) => part.items)?.items;
    return items ? value.map((item) => convert(field, items, item, map)) : value;
  }
  if (!isRecord(value)) return value;
  const object = alternatives(node).find((part) => part.properties || typeof part.additionalProperties === 'object');
  if (!object) return value;
  const rest = typeof object.additionalProperties === 'object' ? object.additionalProperties : undefined;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      const childNode = object.properties?.[key] ?? rest;
      return [key, childNode ? convert(key, childNode, child, map) : child];
    }),
  );
}

function mapLocalPaths(params: Record<string, unknown>, model: ModelId, map: PathMapper): Record<string, unknown> {
  const schema = modelJsonSchema(model) as JsonNode;
  return convert('', { properties: schema.properties ?? {} }, params, map) as Record<string, unknown>;
}

/**
 * Local paths in the media fields of `params` (at any depth: lists, `model_params`) become local media for the SDK
 * to check and upload; URLs stay as they are. Relative paths are resolved from `baseDir`. Also returns the paths, for
 * the status line.
 */
export function localMediaIn(
  params: Record<string, unknown>,
  model: ModelId,
  baseDir = '.',
): { params: Record<string, unknown>; files: string[] } {
  const files: string[] = [];
  const out = mapLocalPaths(params, model, (path) => {
    files.push(path);
    return resolve(baseDir, path);
  });
  return { params: out, files };
}

/** `params` with every local path replaced by a placeholder URL, to check the rest against the schema. */
export function mediaPlaceholders(params: Record<string, unknown>, model: ModelId): Record<string, unknown> {
  return mapLocalPaths(params, model, () => 'https://local-file.invalid/placeholder');
}
