import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  dts: true,
  // ESM is split into shared chunks; CommonJS (not split by default) is one file per entry. zod and undici stay
  // external: they ship CommonJS builds of their own. One config, so the declarations are built in one pass.
  format: ['esm', 'cjs'],
  // Whitespace and syntax minified, names kept (stack traces stay readable; source maps ship alongside): parsing the
  // smaller files is a measurable part of the SDK's own import time.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
});
