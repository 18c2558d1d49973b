// Package and bundle size: the packed tarball (`npm pack`), and an esbuild bundle of a create + wait, minified and
// gzipped, with every dependency included (as a deployment bundles it) and with undici left out (as on Deno, Bun and
// fetch-only hosts, where it is not used), next to zod alone (the SDK's largest dependency) in the same run. Then the
// edge build (what a Worker's or Vercel's bundler gets under the edge conditions) beside openai-node's and Runway's SDKs
// bundled the same way, and how much of the edge bundle is zod.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The conditions Cloudflare's and Vercel's bundlers resolve packages with (package.json `exports`). */
const EDGE = { platform: 'neutral', conditions: ['workerd', 'worker', 'edge-light', 'browser'], mainFields: ['module', 'main'] };

async function bundleBytes(code, external = [], target = { platform: 'node' }) {
  // Inside the package, so that `evolink-wan` resolves to this package by name (its self-reference).
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp', 'size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, code);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      ...target,
      write: false,
      metafile: true,
      external,
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
      // With `splitting`, code loaded by import() (uploads, downloads, media checks) goes to chunks of its own: the
      // entry's output is what loads up front.
      ...(target.splitting ? { outdir: join(dir, 'out') } : {}),
    });
    const entryOut = target.splitting ? join(dir, 'out', 'entry.js') : undefined;
    const file = result.outputFiles.find((f) => entryOut === undefined || f.path === entryOut);
    const bytes = file.contents;
    // Minified bytes that came from zod's files (esbuild's metafile, per input).
    const output = entryOut
      ? Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('out/entry.js'))[1]
      : Object.values(result.metafile.outputs)[0];
    const zod = Object.entries(output.inputs)
      .filter(([path]) => /node_modules\/zod\//.test(path))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, zodMin: zod };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CREATE_AND_WAIT = `import { WanClient } from ${JSON.stringify(join(root, 'dist', 'index.js'))};
const client = new WanClient({ apiKey: 'k' });
console.log(await client.textToVideo({ prompt: 'A cat' }).waitForResult());`;

/** The same create + wait on the edge build: `evolink-wan` resolved by name under the edge conditions. */
const EDGE_CREATE_AND_WAIT = `import { WanClient } from 'evolink-wan';
const client = new WanClient({ apiKey: 'k' });
console.log(await client.textToVideo({ prompt: 'A cat' }).waitForResult());`;

/** openai-node: a video created and polled to the end (its own create + wait). */
const OPENAI_CREATE_AND_WAIT = `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: 'k' });
console.log(await client.videos.createAndPoll({ model: 'sora-2', prompt: 'A cat' }));`;

/** Runway's SDK: an image-to-video task created and waited for. */
const RUNWAY_CREATE_AND_WAIT = `import RunwayML from '@runwayml/sdk';
const client = new RunwayML({ apiKey: 'k' });
console.log(await client.imageToVideo.create({ model: 'gen4_turbo', promptImage: 'https://example.com/cat.jpg', ratio: '1280:720' }).waitForTaskOutput());`;

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
  const edge = await bundleBytes(EDGE_CREATE_AND_WAIT, [], EDGE);
  const edgeNoZod = await bundleBytes(EDGE_CREATE_AND_WAIT, ['zod'], EDGE);
  const edgeUpFront = await bundleBytes(EDGE_CREATE_AND_WAIT, [], { ...EDGE, splitting: true });
  const zodEverything = await bundleBytes(`import { z } from 'zod'; z.object({ a: z.string() }).safeParse({});`, [], EDGE);
  const openai = await bundleBytes(OPENAI_CREATE_AND_WAIT, [], EDGE);
  const runway = await bundleBytes(RUNWAY_CREATE_AND_WAIT, [], EDGE);
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  const print = () => {
    console.log(`\nTarball (npm pack): ${kb(pack.packed)} packed, ${kb(pack.unpacked)} unpacked, ${pack.files} files`);
    console.log('esbuild bundle of a create + wait, minified / + gzip -9:');
    console.log(`  everything included    ${kb(all.min)} / ${kb(all.gz)}`);
    console.log(`  undici left out        ${kb(noUndici.min)} / ${kb(noUndici.gz)}`);
    console.log(`  zod alone (reference)  ${kb(zod.min)} / ${kb(zod.gz)}`);
    console.log('Edge build (workerd, worker, edge-light, browser conditions), a create + wait, minified / + gzip -9:');
    console.log(`  evolink-wan            ${kb(edge.min)} / ${kb(edge.gz)}  (×${(edge.gz / openai.gz).toFixed(2)} openai-node's)`);
    console.log(`    of which zod         ${kb(edge.zodMin)} minified; without zod ${kb(edgeNoZod.min)} / ${kb(edgeNoZod.gz)}`);
    console.log(
      `    loaded up front      ${kb(edgeUpFront.min)} / ${kb(edgeUpFront.gz)}  (split: uploads, downloads, media checks in chunks)`,
    );
    console.log(`  openai-node            ${kb(openai.min)} / ${kb(openai.gz)}`);
    console.log(`  @runwayml/sdk          ${kb(runway.min)} / ${kb(runway.gz)}`);
    console.log(`  zod, all of it         ${kb(zodEverything.min)} / ${kb(zodEverything.gz)}  (\`import { z }\`: what a namespace keeps)`);
  };
  return { pack, all, noUndici, zod, edge, edgeNoZod, edgeUpFront, zodEverything, openai, runway, print };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) (await sizeReport()).print();
