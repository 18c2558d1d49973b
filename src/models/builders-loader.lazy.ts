import { requireOwnFile } from '../internal/require-dependency.js';
import type * as builders from './builders.js';

let loaded: typeof builders | undefined;

/**
 * The models' schema builders (and zod with them), required from dist/engine.js the first time a schema is used. The
 * ESM build for Node.js, Deno and Bun uses this module in place of builders-loader.ts (see tsup.config.ts).
 */
export function modelBuilders(): typeof builders {
  loaded ??= requireOwnFile<{ models: typeof builders }>('./engine.js').models;
  return loaded;
}

/** The builders, where the SDK imported its engine at once (see client-engine-loader.lazy.ts): never required then. */
export function provideModelBuilders(imported: typeof builders): void {
  loaded = imported;
}
