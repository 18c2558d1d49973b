import type { ZodMiniType } from 'zod/mini';
import { inputJsonSchema } from './builders.js';

/** The JSON Schema of a model's parameters, from its zod schema (`schema()` builds it). */
export function jsonSchemaOf(_id: string, schema: () => ZodMiniType): Record<string, unknown> {
  return inputJsonSchema(schema());
}
