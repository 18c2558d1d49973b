import type { ClientEngine } from './client-engine.js';
import { requireOwnFile } from './internal/require-dependency.js';

let engine: typeof ClientEngine | undefined;

/**
 * The client's engine class, loaded from dist/engine.js the first time a client is used. The ESM build for Node.js,
 * Deno and Bun uses this module in place of client-engine-loader.ts (see tsup.config.ts).
 */
export function loadClientEngine(): typeof ClientEngine {
  engine ??= requireOwnFile<{ ClientEngine: typeof ClientEngine }>('./engine.js').ClientEngine;
  return engine;
}
