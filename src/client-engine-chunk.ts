/**
 * What the SDK loads on first use rather than at import: the client's engine (transport, provider calls, waits) and
 * the models' schema builders, with zod. In the ESM build for Node.js, Deno and Bun this is a file of its own
 * (dist/engine.js), loaded by client-engine-loader.lazy.ts and models/builders-loader.lazy.ts.
 */
export { ClientEngine } from './client-engine.js';
// Checked by requireOwnFile: the chunk must share this class with the SDK's entry.
export { EvoLinkError } from './errors/index.js';
export * as models from './models/builders.js';
