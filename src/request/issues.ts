import type { $ZodError, $ZodType } from 'zod/v4/core';
import type { ValidationIssue } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import { suggestName } from '../internal/suggest-name.js';

/** How an unknown field's message says to send it anyway (through the SDK; other callers may drop it). */
export const ESCAPE_HATCH = 'to send a field the SDK does not know yet, pass it in the request options as extraBody';

function unknownKeyMessage(key: string, parentPath: PropertyKey[], known: readonly string[], model: string): string {
  const field = formatPath([...parentPath, key].map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[]);
  const suggestion = suggestName(key, known);
  return suggestion
    ? `${field} is not a ${model} parameter; did you mean ${suggestion}?`
    : `${field} is not a ${model} parameter (accepted: ${known.join(', ')}); ${ESCAPE_HATCH}`;
}

/** The schema an `optional()` (or another wrapper) wraps, if `node` is one. */
const innerType = (node: unknown): unknown => (node as { _zod?: { def: { innerType?: unknown } } })._zod?.def.innerType;

function knownKeysAt(schema: $ZodType, path: PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const segment of path) {
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    node = shape?.[segment as string];
    // unwrap optional()
    while (node && !(node as { shape?: unknown }).shape && innerType(node) !== undefined) node = innerType(node);
  }
  const shape = (node as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * Turns zod issues into SDK issues whose messages name the field and say what to change. Unknown keys become one
 * issue per key, with the closest known field suggested.
 */
export function toValidationIssues(error: $ZodError, schema: $ZodType, model: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        out.push({ path: [...path, key], code: issue.code, message: unknownKeyMessage(key, issue.path, known, model) });
      }
      continue;
    }
    const field = formatPath(path);
    const message = field === '' || issue.message.startsWith(field) ? issue.message : `${field} ${issue.message}`;
    out.push({ path, code: issue.code, message });
  }
  return out;
}
