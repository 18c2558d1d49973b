// Compiles TypeScript programs to plain ESM in one esbuild pass, for scripts that run many of them in processes of
// their own (the demo's examples, the README's blocks): loading tsx into each process cost more CPU than the program.
import { buildSync } from 'esbuild';

/**
 * Compiles `entries` (output name → .ts file) to `<outdir>/<name>.mjs`. Imports of packages ('evolink-wan' included,
 * which resolves to the built package) stay imports; local files are bundled in. Inline source maps keep stack traces
 * on the .ts lines under `node --enable-source-maps`.
 */
export function compileToMjs(entries, outdir) {
  buildSync({
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
}
