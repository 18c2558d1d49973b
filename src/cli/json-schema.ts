import type { MediaRule } from '../media/limits.js';
import { mediaText } from './media-flags.js';

/** The parts of a JSON Schema (draft 2020-12, as `modelJsonSchema` writes it) the CLI reads. */
export interface JsonNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  items?: JsonNode;
  properties?: Record<string, JsonNode>;
  additionalProperties?: JsonNode | boolean;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  description?: string;
}

/** How a flag's text becomes a value. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'list' | 'json' | 'any';

/** The alternatives of a union node, or the node itself. */
export function alternatives(node: JsonNode): JsonNode[] {
  return node.anyOf ?? node.oneOf ?? [node];
}

/** What kind of value a schema node holds. */
export function kindOf(node: JsonNode): ValueKind {
  const parts = alternatives(node);
  if (parts.length > 1) {
    const kinds = new Set(parts.map(kindOf));
    return kinds.size === 1 ? [...kinds][0]! : 'any';
  }
  const type = Array.isArray(node.type) ? (node.type.length === 1 ? node.type[0] : undefined) : node.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string') return 'string';
  if (type === 'array') return 'list';
  if (type === 'object') return 'json';
  return 'any';
}

function range(node: JsonNode, unit: string): string {
  const { minimum: min, maximum: max } = node;
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  if (max !== undefined) return `at most ${max}${unit}`;
  return '';
}

/** Media rules by dotted field path (`image_urls`, `model_params.voice_bindings`), from the SDK's table. */
export type MediaAt = ReadonlyMap<string, MediaRule>;

/**
 * What a node allows, in a few words: `one of 720p, 1080p`, `whole number 2–15`, `up to 5000 characters`, or for a
 * media field (found by its dotted path `field` in `media`) the formats and limits of a local file.
 */
export function allowedText(field: string, node: JsonNode, media: MediaAt = new Map()): string {
  const parts = alternatives(node);
  if (parts.length > 1) return parts.map((part) => allowedText(field, part, media)).join(', or ');
  if (node.enum) return `one of ${node.enum.map(String).join(', ')}`;
  if (node.const !== undefined) return String(node.const);
  switch (kindOf(node)) {
    case 'number':
      return [node.type === 'integer' ? 'whole number' : 'number', range(node, '')].filter(Boolean).join(' ');
    case 'string': {
      const rule = media.get(field);
      if (rule) return mediaText(rule);
      if (node.format === 'uri') return `an https:// URL${node.maxLength ? ` (at most ${node.maxLength} characters)` : ''}`;
      const { minLength: min, maxLength: max } = node;
      return max !== undefined ? `${min ? `${min}–` : 'up to '}${max} characters` : 'text';
    }
    case 'list': {
      const count = node.maxItems === 1 ? 'exactly one' : node.maxItems !== undefined ? `up to ${node.maxItems}` : 'any number';
      return `${node.items ? allowedText(field, node.items, media) : 'a value'}; repeat the flag for more (${count})`;
    }
    case 'json': {
      const fields = Object.entries(node.properties ?? {}).map(([name, child]) => `${name}: ${allowedText(name, child)}`);
      if (fields.length === 0 && typeof node.additionalProperties === 'object')
        return `JSON object of ${allowedText(field, node.additionalProperties)}`;
      return `JSON object${fields.length ? ` with ${fields.join('; ')}` : ''}`;
    }
    case 'boolean':
      return 'on or off';
    default:
      return 'a value (JSON or text)';
  }
}

/** The placeholder shown after a flag in help: `<720p|1080p>`, `<n>`, `<url|file>`, `<json>`. */
export function placeholder(field: string, node: JsonNode, media: MediaAt = new Map()): string {
  const kind = kindOf(node);
  if (node.enum && node.enum.length <= 6) return `<${node.enum.map(String).join('|')}>`;
  if (kind === 'number') return '<n>';
  if (kind === 'json') return '<json>';
  if (kind === 'list') return `${node.items ? placeholder(field, node.items, media) : '<value>'}`;
  if (media.has(field)) return '<url|file>';
  if (node.format === 'uri') return '<url>';
  return kind === 'string' ? '<text>' : '<value>';
}
