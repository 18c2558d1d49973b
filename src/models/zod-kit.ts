// The two things zod's classic API did for the models that zod/mini (its tree-shakable functional API) leaves to the
// caller: `schema.describe(text)`, and English messages for the issues zod words itself.
import { en } from 'zod/locales';
import { clone, config, globalRegistry } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

/**
 * A copy of `schema` that carries `description` (JSON Schema's `description`), as classic zod's `.describe()` makes
 * it: a copy, so that a shared fragment described again for one model keeps its own description for the others.
 */
export function described<T extends $ZodType>(schema: T, description: string): T {
  const copy = clone(schema);
  globalRegistry.add(copy, { description });
  return copy;
}

/**
 * Registers zod's English messages unless the application chose a locale, as classic zod does with its first schema:
 * zod/mini registers none, and its issues would read "Invalid input" where the SDK's fields give no message of their
 * own (a wrong `model` literal, a voice binding's key). Called before a schema is built.
 */
export function useEnglishMessages(): void {
  if (!config().localeError) config(en());
}
