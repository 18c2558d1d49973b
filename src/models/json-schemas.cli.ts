import type { ZodMiniType } from 'zod/mini';

/** Every model's JSON Schema by id, as `json-schemas.ts` makes it, computed when the CLI is built (tsup.config.ts). */
declare const EVOLINK_MODEL_JSON_SCHEMAS: Readonly<Record<string, Record<string, unknown>>>;

/**
 * The CLI build's twin: the JSON Schema written at build time. A command's flags are the union of its models'
 * parameters: building their zod schemas and JSON Schemas was the largest part of a validation error's start-up.
 */
export function jsonSchemaOf(id: string, _schema: () => ZodMiniType): Record<string, unknown> {
  return EVOLINK_MODEL_JSON_SCHEMAS[id] as Record<string, unknown>;
}
