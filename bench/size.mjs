// Import time and bundle size of the SDK, against zod alone (its largest dependency) as the baseline, same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function importMs(specifier, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`], { cwd: root, encoding: 'utf8' });
    times.push(Number(out.trim()));
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function bundleBytes(code) {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-size-'));
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, code);
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', write: false, external: ['undici'], nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

export async function sizeReport() {
  const sdkImport = importMs(join(root, 'dist', 'index.js'));
  const zodImport = importMs('zod');
  const sdk = await bundleBytes(`import { WanClient } from ${JSON.stringify(join(root, 'dist', 'index.js'))}; new WanClient({ apiKey: 'k' });`);
  const zod = await bundleBytes(`import * as z from 'zod'; z.object({ a: z.string() }).safeParse({}); z.toJSONSchema(z.string());`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  console.log(`\nsize and start-up (${pkg.name} ${pkg.version}; undici is loaded lazily on the first request and left out of the bundle):`);
  console.log(`  import, median of 7 fresh processes: evolink-wan ${sdkImport.toFixed(1)} ms, zod alone ${zodImport.toFixed(1)} ms (×${(sdkImport / zodImport).toFixed(2)})`);
  console.log(`  esbuild bundle, minified + gzip -9: evolink-wan ${sdk.min} B / ${sdk.gz} B gz, zod alone ${zod.min} B / ${zod.gz} B gz (×${(sdk.gz / zod.gz).toFixed(2)})`);
}
