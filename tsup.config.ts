import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { MODEL_IDS, modelJsonSchema } from './src/models/registry.js';

/** The package's library entries (`exports` in package.json). */
const ENTRIES = { index: 'src/index.ts', testing: 'src/testing/index.ts', 'ai-sdk': 'src/ai-sdk/index.ts', queue: 'src/queue/index.ts' };

/** The `exports` conditions of fetch-only runtimes, which resolve `evolink-wan` to the edge build. */
export const EDGE_CONDITIONS = ['workerd', 'worker', 'edge-light', 'browser'];

// Unminified, without source maps: the published code reads as its source does, and the tarball stays small.
const common: Options = { target: 'node20', platform: 'node', treeshake: true };

/**
 * The edge build's one rule: a module `x.edge.ts` beside `x.ts` replaces it. Only the few files that touch Node.js
 * have one (the transport's platform, the file source and sink, SHA-256), and the models' use of zod's compiler,
 * whose `new Function` Workers and Vercel Edge refuse; everything else is the same code.
 */
export const edgeSwap: Plugin = {
  name: 'edge-swap',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const edge = resolve(args.resolveDir, args.path.replace(/\.js$/, '.edge.ts'));
      return existsSync(edge) ? { path: edge } : undefined;
    });
  },
};

/**
 * The CLI's swaps, for a command that validates a request or a few per process: the models' fields on zod's runtime
 * parser, as in the edge build (generating and compiling the validator costs more, about 5 ms and zod's compiler's
 * 90 KB of source to load, than the fast path saves), and the models' JSON Schemas written at build time
 * (`json-schemas.cli.ts`, from {@link MODEL_JSON_SCHEMAS}) instead of built from the zod schemas at run time.
 */
export const cliSwaps: Plugin = {
  name: 'cli-swaps',
  setup(build) {
    build.onResolve({ filter: /^\.\/compile-fields\.js$/ }, (args) => ({ path: resolve(args.resolveDir, 'compile-fields.edge.ts') }));
    build.onResolve({ filter: /^\.\/json-schemas\.js$/ }, (args) => ({ path: resolve(args.resolveDir, 'json-schemas.cli.ts') }));
  },
};

/** Every model's JSON Schema (`modelJsonSchema`), for the CLI build's `EVOLINK_MODEL_JSON_SCHEMAS`. */
const MODEL_JSON_SCHEMAS = Object.fromEntries(MODEL_IDS.map((id) => [id, modelJsonSchema(id)]));

export default defineConfig([
  // ESM and CommonJS, each split: the entries share one copy of the SDK's modules (one `WanClient`, one error class
  // hierarchy, whichever entry loaded them), and code that only some calls need (uploads, downloads, generateMany) is
  // loaded with `import()` from a chunk of its own. Dependencies are imported normally, so a bundler includes them.
  { ...common, entry: ENTRIES, format: ['esm', 'cjs'], splitting: true, dts: true },
  // The edge build (Workers, Vercel Edge, browsers): the SDK's entry with the `.edge.ts` modules, on a neutral platform,
  // so any `node:` import left in its graph fails the build. Its types are the ESM build's.
  {
    entry: { index: 'src/index.ts' },
    outDir: 'dist/edge',
    format: ['esm'],
    platform: 'neutral',
    target: 'es2022',
    treeshake: true,
    splitting: true,
    esbuildPlugins: [edgeSwap],
    esbuildOptions(options) {
      options.conditions = EDGE_CONDITIONS;
      options.mainFields = ['module', 'main'];
    },
  },
  // The `evolink-wan` command, loaded only by the bin, so the SDK's import path never loads CLI code. Split: the entry
  // holds the dispatch and the help, and each command's code (with undici and the SDK) is a chunk under dist/cli/,
  // imported when that command runs, so `--help` and `--version` start about as fast as Node does. zod is bundled in,
  // tree-shaken (its package entry loads the whole of zod: all of core, every locale), and ipaddr.js too
  // (a CommonJS module, whose loader costs as much again); together a third of a validation error's start-up.
  {
    ...common,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    splitting: true,
    noExternal: ['zod', 'ipaddr.js'],
    esbuildPlugins: [cliSwaps],
    define: { EVOLINK_MODEL_JSON_SCHEMAS: JSON.stringify(MODEL_JSON_SCHEMAS) },
    minify: true,
    banner: { js: '#!/usr/bin/env node' },
    esbuildOptions(options) {
      options.chunkNames = 'cli/[name]-[hash]';
    },
  },
]);
