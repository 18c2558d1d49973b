import type { ZodMiniType } from 'zod/mini';

/**
 * The edge build's twin: the schema as it is, on zod's runtime parser. zod's compiler generates code with
 * `new Function`, which Workers and Vercel Edge refuse (zod then falls back to this same parser), and it is 29 KB of
 * the minified bundle; the checks and their results are the same either way.
 */
export function compileFields(schema: ZodMiniType): ZodMiniType {
  return schema;
}
