import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    dts: true,
    // ESM is split into shared chunks; CommonJS (not split by default) is one file per entry. zod and undici stay
    // external: they ship CommonJS builds of their own. One config, so the declarations are built in one pass.
    format: ['esm', 'cjs'],
  },
  // The `evolink-wan` command: its own entry, loaded only by the bin, so the SDK's import path never loads CLI code.
  {
    entry: { cli: 'src/cli/main.ts' },
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    dts: false,
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
