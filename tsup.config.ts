import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  dts: true,
};

export default defineConfig([
  // ESM: dependencies stay external.
  { ...common, format: ['esm'], splitting: true },
  // CommonJS: one file per entry (zod and undici ship CommonJS builds of their own).
  { ...common, format: ['cjs'], splitting: false },
  // The `evolink-wan` command: its own entry, loaded only by the bin, so the SDK's import path never loads CLI code.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    splitting: false,
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
