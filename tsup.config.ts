import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { rollup } from 'rollup';
import { defineConfig, type Options } from 'tsup';
import type { Plugin } from 'esbuild';

const common: Options = {
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  // Whitespace and syntax minified, names kept (stack traces stay readable; source maps ship alongside): parsing the
  // smaller files is a measurable part of the SDK's own import time.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
};

const ENTRIES = { index: 'src/index.ts', testing: 'src/testing/index.ts', 'ai-sdk': 'src/ai-sdk/index.ts' };

/**
 * The ESM build for Node.js, Deno and Bun loads the client's engine and the models' schema builders from a file of
 * their own (dist/engine.js) on first use, synchronously (`require()` of an ES module), so importing the SDK compiles
 * only its exports and option checks; where a probe at import (dist/probe.js) shows that `require()` would not give
 * back the modules `import` loaded, the entry imports the engine instead (client-engine-loader.lazy.ts). Each
 * `*-loader.ts` module imports them statically (source, tests, CommonJS, the build for bundlers); this plugin swaps
 * in its `*-loader.lazy.ts` twin for that one build.
 */
const lazyLoaders: Plugin = {
  name: 'lazy-loaders',
  setup(build) {
    build.onResolve({ filter: /-loader\.js$/ }, (args) => {
      const lazy = resolve(args.resolveDir, args.path.replace(/\.js$/, '.lazy.ts'));
      return existsSync(lazy) ? { path: lazy } : undefined;
    });
  },
};
/** Where esbuild writes the split ESM build of the SDK entry before Rollup regroups it into dist/. */
const SPLIT_DIR = '.tmp/esm-split';

/**
 * Code that only some calls need (uploads, downloads, generateMany) is loaded with `import()`, and the engine (see
 * lazyLoaders) with `require()`. esbuild splits it out but also cuts the code shared with the entry into many small
 * chunks, each one more file to load at import. Rollup regroups them: everything the entry loads statically goes into
 * dist/sdk.js, the engine into dist/engine.js, and each lazy part into a chunk that imports what it shares from
 * there. dist/index.js holds the public API's own code and re-exports the rest of its names from dist/sdk.js, so the
 * package's exports stay exactly the public API (letting the other chunks import from dist/index.js itself would add
 * their internal imports to it). Source maps are chained back to src/.
 */
async function regroupEsmChunks(): Promise<void> {
  const bundle = await rollup({
    input: { index: `${SPLIT_DIR}/index.js` },
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    preserveEntrySignatures: 'strict',
    // zod is imported only where it is used: every other file importing it (for its side effects, which it has none
    // of, or hoisted for early loading) would make Node resolve the package once more (~1 ms here).
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [
      {
        name: 'esbuild-output',
        // The engine: a second entry, which may export more than its own names (the lazy chunks import from it).
        buildStart() {
          this.emitFile({ type: 'chunk', id: `${SPLIT_DIR}/engine.js`, fileName: 'engine.js', preserveSignature: 'allow-extension' });
          this.emitFile({ type: 'chunk', id: `${SPLIT_DIR}/probe.js`, fileName: 'probe.js', preserveSignature: 'strict' });
        },
        load: (id) => ({ code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') }),
      },
    ],
  });
  await bundle.write({
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    compact: true,
    hoistTransitiveImports: false,
    // What dist/index.js loads statically (and the engine imports too) is dist/sdk.js.
    manualChunks(id, { getModuleInfo }) {
      const entry = getModuleInfo(resolve(`${SPLIT_DIR}/index.js`));
      return id !== entry?.id && entry?.importedIds.includes(id) ? 'sdk' : undefined;
    },
    chunkFileNames: '[name].js',
  });
  await bundle.close();
  rmSync(SPLIT_DIR, { recursive: true, force: true });
}

export default defineConfig((flags) => [
  // The declarations of both entries, for ESM and CommonJS, in one pass (skipped by `tsup --no-dts`, which would
  // otherwise turn this into a JS build of its own).
  ...(flags.dts === false ? [] : [{ ...common, entry: ENTRIES, dts: { only: true }, format: ['esm', 'cjs'] } satisfies Options]),
  // CommonJS: one file per entry (no splitting). zod and undici stay external: they ship CommonJS builds of their own.
  { ...common, entry: ENTRIES, format: ['cjs'] },
  // ESM SDK entry for Node.js, Deno and Bun: the engine apart (see lazyLoaders), split by esbuild, then regrouped (see
  // regroupEsmChunks).
  {
    ...common,
    entry: { index: ENTRIES.index, engine: 'src/client-engine-chunk.ts', probe: 'src/client-engine-probe.ts' },
    format: ['esm'],
    outDir: SPLIT_DIR,
    esbuildPlugins: [lazyLoaders],
    onSuccess: regroupEsmChunks,
  },
  // The same SDK in one file, for bundlers (the package's `module` export condition): a bundler cannot follow the
  // engine's synchronous `require()`, and bundles the engine with the rest anyway.
  { ...common, entry: { bundler: ENTRIES.index }, format: ['esm'], splitting: false },
  // The fake servers for tests: one self-contained file, never on the SDK's import path.
  { ...common, entry: { testing: ENTRIES.testing }, format: ['esm'], splitting: false },
  // The Vercel AI SDK provider (evolink-wan/ai-sdk): one self-contained file; it needs only types from @ai-sdk/provider.
  { ...common, entry: { 'ai-sdk': ENTRIES['ai-sdk'] }, format: ['esm'], splitting: false },
  // The `evolink-wan` command: its own entry, loaded only by the bin, so the SDK's import path never loads CLI code.
  { ...common, entry: { cli: 'src/cli/main.ts' }, format: ['esm'], splitting: false, banner: { js: '#!/usr/bin/env node' } },
]);
