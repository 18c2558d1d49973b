import { defineConfig, type Options } from 'tsup';

/** The package's library entries (`exports` in package.json). */
const ENTRIES = { index: 'src/index.ts', testing: 'src/testing/index.ts', 'ai-sdk': 'src/ai-sdk/index.ts', queue: 'src/queue/index.ts' };

// Unminified, without source maps: the published code reads as its source does, and the tarball stays small.
const common: Options = { target: 'node20', platform: 'node', treeshake: true };

export default defineConfig([
  // ESM and CommonJS, each split: the entries share one copy of the SDK's modules (one `WanClient`, one error class
  // hierarchy, whichever entry loaded them), and code that only some calls need (uploads, downloads, generateMany) is
  // loaded with `import()` from a chunk of its own. Dependencies are imported normally, so a bundler includes them.
  { ...common, entry: ENTRIES, format: ['esm', 'cjs'], splitting: true, dts: true },
  // The `evolink-wan` command, loaded only by the bin, so the SDK's import path never loads CLI code. Split: the entry
  // holds the dispatch and the help, and each command's code (with zod, undici and the SDK) is a chunk under
  // dist/cli/, imported when that command runs, so `--help` and `--version` start about as fast as Node does.
  {
    ...common,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    splitting: true,
    banner: { js: '#!/usr/bin/env node' },
    esbuildOptions(options) {
      options.chunkNames = 'cli/[name]-[hash]';
    },
  },
]);
