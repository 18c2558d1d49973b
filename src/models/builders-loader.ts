import * as builders from './builders.js';

/**
 * The models' schema builders (and zod with them). Imported statically here (source, tests, the CommonJS build and the
 * build for bundlers); the ESM build for Node.js, Deno and Bun replaces this module with builders-loader.lazy.ts,
 * which loads them, with the client's engine, from its own file on first use.
 */
export function modelBuilders(): typeof builders {
  return builders;
}
