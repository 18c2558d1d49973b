/**
 * dist/probe.js in the ESM build: a file that shares one class with the SDK's entry. client-engine-loader.lazy.ts
 * requires it at import to learn whether `require()` of the SDK's own files gives back the very modules `import`
 * loaded (same loader, same realm; see requireOwnFile); if it does not, the engine is imported with the SDK instead
 * of on first use.
 */
export { EvoLinkError } from './errors/index.js';
