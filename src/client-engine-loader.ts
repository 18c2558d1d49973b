import { ClientEngine } from './client-engine.js';

/**
 * The client's engine class. Imported statically here (source, tests, the CommonJS build and the build for bundlers);
 * the ESM build for Node.js, Deno and Bun replaces this module with client-engine-loader.lazy.ts, which loads the
 * engine from its own file on first use.
 */
export function loadClientEngine(): typeof ClientEngine {
  return ClientEngine;
}
