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

/** A field the API downloads media (or a document) from: a URL field, but not the callback EvoLink calls. */
export function isMediaNode(field: string, node: JsonNode): boolean {
  if (field === 'callback_url') return false;
  return alternatives(node).some((part) => part.format === 'uri' || (part.items !== undefined && isMediaNode(field, part.items)));
}

function range(node: JsonNode, unit: string): string {
  const { minimum: min, maximum: max } = node;
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  if (max !== undefined) return `at most ${max}${unit}`;
  return '';
}

/** What a node allows, in a few words: `one of 720p, 1080p`, `integer 2–15`, `up to 5000 characters`. */
export function allowedText(field: string, node: JsonNode): string {
  const parts = alternatives(node);
  if (parts.length > 1) return parts.map((part) => allowedText(field, part)).join(', or ');
  if (node.enum) return `one of ${node.enum.map(String).join(', ')}`;
  if (node.const !== undefined) return String(node.const);
  switch (kindOf(node)) {
    case 'number':
      return [node.type === 'integer' ? 'whole number' : 'number', range(node, '')].filter(Boolean).join(' ');
    case 'string': {
      if (isMediaNode(field, node)) return 'a URL or a local file';
      if (node.format === 'uri') return `an https:// URL${node.maxLength ? ` (at most ${node.maxLength} characters)` : ''}`;
      const { minLength: min, maxLength: max } = node;
      return max !== undefined ? `${min ? `${min}–` : 'up to '}${max} characters` : 'text';
    }
    case 'list': {
      const count = node.maxItems === 1 ? 'exactly one' : node.maxItems !== undefined ? `up to ${node.maxItems}` : 'any number';
      return `${node.items ? allowedText(field, node.items) : 'a value'}; repeat the flag for more (${count})`;
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
export function placeholder(field: string, node: JsonNode): string {
  const kind = kindOf(node);
  if (node.enum && node.enum.length <= 6) return `<${node.enum.map(String).join('|')}>`;
  if (kind === 'number') return '<n>';
  if (kind === 'json') return '<json>';
  if (kind === 'list') return `${node.items ? placeholder(field, node.items) : '<value>'}`;
  if (isMediaNode(field, node)) return '<url|file>';
  if (node.format === 'uri') return '<url>';
  return kind === 'string' ? '<text>' : '<value>';
}
