// Bundle size of the SDK against zod alone (its largest dependency), esbuild-minified and gzipped, same run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function bundleBytes(code) {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-size-'));
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, code);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['undici'],
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

/** Prints the bundle sizes (undici is left out: it is loaded only on the first request, and never on Deno or Bun). */
export async function sizeReport() {
  // dist/bundler.js is what a bundler resolves (the package's `module` condition): the whole SDK, engine included.
  const sdk = await bundleBytes(
    `import { WanClient } from ${JSON.stringify(join(root, 'dist', 'bundler.js'))}; new WanClient({ apiKey: 'k' });`,
  );
  const zod = await bundleBytes(`import * as z from 'zod'; z.object({ a: z.string() }).safeParse({}); z.toJSONSchema(z.string());`);
  console.log(
    `\nesbuild bundle, minified + gzip -9 (undici external: loaded on the first request only): evolink-wan ${sdk.min} B / ${sdk.gz} B gz, zod alone ${zod.min} B / ${zod.gz} B gz (×${(sdk.gz / zod.gz).toFixed(2)})`,
  );
}
