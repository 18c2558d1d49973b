import { compile, type ZodMiniType } from 'zod/mini';

/**
 * zod's compiled validator of a model's field schema, for the fast path of valid input: the same checks, generated
 * as code (`new Function`). A schema zod cannot compile comes back as it is.
 */
export function compileFields(schema: ZodMiniType): ZodMiniType {
  return compile(schema);
}
