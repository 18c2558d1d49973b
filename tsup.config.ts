import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  dts: true,
  // Whitespace and syntax minified, names kept (stack traces stay readable; source maps ship alongside): parsing the
  // smaller files is a measurable part of the SDK's own import time.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
};

export default defineConfig([
  // ESM: dependencies stay external.
  { ...common, format: ['esm'], splitting: true },
  // CommonJS: one file per entry (zod and undici ship CommonJS builds of their own).
  { ...common, format: ['cjs'], splitting: false },
]);
