import { ensureBuilt } from '../support/ensure-built.js';
import { firstCallWaitsUnderFakeTimers } from '../support/first-call.js';

// From the built ESM package, loaded by Node itself (vitest.config.ts externalizes dist/): the first call loads the
// client's engine and zod (dist/engine.js) synchronously, so the pattern holds there too.
firstCallWaitsUnderFakeTimers(async () => {
  ensureBuilt();
  return import('../../dist/index.js');
});
