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
  // CommonJS: p-retry is ESM-only, so it is inlined for Node versions without require(esm) (< 20.19).
  { ...common, format: ['cjs'], splitting: false, noExternal: ['p-retry', 'is-network-error'] },
]);
