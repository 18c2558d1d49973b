import type { ClientEngine } from './client-engine.js';
import type * as EngineChunk from './client-engine-chunk.js';
import { requireOwnFile } from './internal/require-dependency.js';
import { provideModelBuilders } from './models/builders-loader.lazy.js';

/**
 * The ESM build for Node.js, Deno and Bun uses this module in place of client-engine-loader.ts (see tsup.config.ts):
 * the client's engine and the models' schema builders, with zod, load from dist/engine.js on first use, with a
 * synchronous `require()` of an ES module, so the first call of a process schedules its timers before any I/O (fake
 * timers see them). That is only right where `require()` gives back the modules `import` loaded: not under
 * module-loader hooks that load files their own way (tsx), nor in a VM context (vitest's vmThreads and vmForks
 * pools, Jest), nor on a Node.js without `require()` of ES modules (before 20.19 and 22.12). A tiny file that shares
 * one class with this one tells, at import; where it does not match, the engine is imported here, with the SDK.
 * The `await` below makes this file's module (dist/index.js) one with a top-level await: nothing the engine imports
 * may hold it (test/cli/lazy-loading.test.ts checks), and an ES module that imports the SDK cannot be `require()`d.
 */
function requireSharesModules(): boolean {
  try {
    requireOwnFile('./probe.js');
    return true;
  } catch {
    return false;
  }
}

let engine: typeof ClientEngine | undefined;

if (!requireSharesModules()) {
  const chunk = await import('./client-engine-chunk.js');
  provideModelBuilders(chunk.models);
  engine = chunk.ClientEngine;
}

/** The client's engine class: imported with the SDK (see above), else required from dist/engine.js on first use. */
export function loadClientEngine(): typeof ClientEngine {
  engine ??= requireOwnFile<typeof EngineChunk>('./engine.js').ClientEngine;
  return engine;
}
