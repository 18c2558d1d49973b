import { defineConfig, type Options } from 'tsup';

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

export default defineConfig([
  {
    ...common,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    dts: true,
    // ESM is split into shared chunks; CommonJS (not split by default) is one file per entry. zod and undici stay
    // external: they ship CommonJS builds of their own. One config, so the declarations are built in one pass.
    format: ['esm', 'cjs'],
  },
  // The `evolink-wan` command: its own entry, loaded only by the bin, so the SDK's import path never loads CLI code.
  { ...common, entry: { cli: 'src/cli/main.ts' }, dts: false, format: ['esm'], banner: { js: '#!/usr/bin/env node' } },
]);
