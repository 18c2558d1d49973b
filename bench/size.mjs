// Package and bundle size: the packed tarball (`npm pack`), and an esbuild bundle of a create + wait, minified and
// gzipped, with every dependency included (as a deployment bundles it) and with undici left out (as on Deno, Bun and
// fetch-only hosts, where it is not used), next to zod alone (the SDK's largest dependency) in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function bundleBytes(code, external = []) {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, code);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      external,
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
    });
    const bytes = result.outputFiles[0].contents;
    return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CREATE_AND_WAIT = `import { WanClient } from ${JSON.stringify(join(root, 'dist', 'index.js'))};
const client = new WanClient({ apiKey: 'k' });
console.log(await client.textToVideo({ prompt: 'A cat' }).waitForResult());`;

/** The tarball's packed and unpacked size, from `npm pack --dry-run --json`. */
function tarball() {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: root, encoding: 'utf8' }));
  return { packed: pack.size, unpacked: pack.unpackedSize, files: pack.entryCount };
}

/** Measures and prints the sizes. */
export async function sizeReport() {
  const pack = tarball();
  const all = await bundleBytes(CREATE_AND_WAIT);
  const noUndici = await bundleBytes(CREATE_AND_WAIT, ['undici']);
  const zod = await bundleBytes(`import * as z from 'zod'; z.object({ a: z.string() }).safeParse({}); z.toJSONSchema(z.string());`);
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  const print = () => {
    console.log(`\nTarball (npm pack): ${kb(pack.packed)} packed, ${kb(pack.unpacked)} unpacked, ${pack.files} files`);
    console.log('esbuild bundle of a create + wait, minified / + gzip -9:');
    console.log(`  everything included    ${kb(all.min)} / ${kb(all.gz)}`);
    console.log(`  undici left out        ${kb(noUndici.min)} / ${kb(noUndici.gz)}`);
    console.log(`  zod alone (reference)  ${kb(zod.min)} / ${kb(zod.gz)}`);
  };
  return { pack, all, noUndici, zod, print };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) (await sizeReport()).print();
