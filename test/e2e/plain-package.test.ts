// Start-up cost: importing 'evolink-wan' loads the SDK's entry and none of the code or the dependencies only
// some calls need (uploads, downloads, image-size, ipaddr.js). Those calls load it on first use, and must still work
// from both builds: the callback_url host check (ipaddr.js, required synchronously), uploads, downloads, generateMany.
// The ESM build also leaves the client's engine and zod (dist/engine.js) to the first use of a client or a schema.
// The ESM build is split and regrouped (tsup.config.ts), so its exports are checked against the CommonJS build's.
import { execFile } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { CAT_JPG } from '../support/media.js';
import { ensureBuilt, ROOT } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-lazy-'));
const HOOKS = join(dir, 'register.mjs');
const LOG = join(dir, 'loads.txt');

beforeAll(() => {
  ensureBuilt();
  // A loader hook that logs every file the ESM loader loads (import(), also from CommonJS); require() shows in require.cache.
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(LOG)}, url + '\\n'); return next(url, context); }\n`,
  );
  writeFileSync(HOOKS, `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a child process printed (all but the last line) and every file it loaded (the last line). */
interface Run {
  out: string;
  files: string[];
}

/** Runs `code` in a fresh Node process, as an ES module or as CommonJS, and lists the files it loaded. */
async function run(kind: 'esm' | 'cjs', code: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  writeFileSync(LOG, '');
  const cache = kind === 'esm' ? "(await import('node:module')).createRequire(import.meta.url).cache" : 'require.cache';
  const script =
    kind === 'esm'
      ? `${code}\nconsole.log(JSON.stringify(Object.keys(${cache})));`
      : `(async () => { ${code}\nconsole.log(JSON.stringify(Object.keys(${cache}))); })();`;
  const args = ['--import', HOOKS, ...(kind === 'esm' ? ['--input-type=module'] : []), '-e', script];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
  const lines = stdout.trim().split('\n');
  const viaEsm = readFileSync(LOG, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  return { out: lines.slice(0, -1).join('\n'), files: [...viaEsm, ...(JSON.parse(lines.at(-1)!) as string[])] };
}

const IMPORT = { esm: "const sdk = await import('evolink-wan');", cjs: "const sdk = require('evolink-wan');" };
const fromPackage = (name: string) => (file: string) => file.includes(`${sep}node_modules${sep}${name}${sep}`);
/** The dependencies only some calls need, among `files`. */
const lazyDependenciesIn = (files: string[]): string[] => ['image-size', 'ipaddr.js'].filter((name) => files.some(fromPackage(name)));
const sdkFilesIn = (files: string[]): string[] => files.filter((file) => file.startsWith(join(ROOT, 'dist', sep)));

describe.each(['esm', 'cjs'] as const)('the %s build', (kind) => {
  it('loads neither image-size nor ipaddr.js at import (ESM: nor the engine, nor zod)', async () => {
    const { files } = await run(kind, IMPORT[kind]);
    // CommonJS: one file, with zod (which also shows the check sees packages); ESM: the entry, the code it re-exports
    // and the probe that tells whether require() may load the engine later (client-engine-loader.lazy.ts), and no
    // package at all.
    expect(files.some(fromPackage('zod'))).toBe(kind === 'cjs');
    expect(lazyDependenciesIn(files)).toEqual([]);
    const sdk = kind === 'esm' ? ['index.js', 'probe.js', 'sdk.js'] : ['index.cjs'];
    expect(sdkFilesIn(files).sort()).toEqual(sdk.map((file) => join(ROOT, 'dist', file)));
  });

  it('constructs a client, and closes it, without loading the engine', async () => {
    const { out, files } = await run(
      kind,
      `${IMPORT[kind]}\nconst client = new sdk.WanClient({ apiKey: 'sk-test' });\nawait client.close();\nconsole.log(client.baseURL);`,
    );
    expect(out).toBe('https://api.evolink.ai');
    expect(
      sdkFilesIn(files)
        .map((file) => file.slice(join(ROOT, 'dist').length + 1))
        .sort(),
    ).toEqual(kind === 'esm' ? ['index.js', 'probe.js', 'sdk.js'] : ['index.cjs']);
  });

  it('loads ipaddr.js for the first callback_url check, and refuses a loopback host', async () => {
    const check = `const r = sdk.Wan27TextToVideoSchema.safeParse({ model: 'wan2.7-text-to-video', prompt: 'a cat', callback_url: 'https://[::ffff:7f00:1]/hook' });
console.log(r.success ? 'accepted' : r.error.issues.map((issue) => issue.message).join('; '));`;
    const { out, files } = await run(kind, `${IMPORT[kind]}\n${check}`);
    expect(out).toContain('[::ffff:7f00:1] embeds 127.0.0.1, a loopback address');
    expect(lazyDependenciesIn(files)).toEqual(['ipaddr.js']);
    // The schema was built on first use: in the ESM build, with the engine (and zod, which require() does not list).
    if (kind === 'esm') expect(sdkFilesIn(files)).toContain(join(ROOT, 'dist', 'engine.js'));
  });

  it('uploads local media, downloads the result and runs generateMany, loading their code on first use', async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const calls = `const client = new sdk.WanClient({ apiKey: ${JSON.stringify(server.apiKey)}, baseURL: ${JSON.stringify(server.url)}, filesBaseURL: ${JSON.stringify(server.filesUrl)} });
const uploaded = await client.files.upload(sdk.fileFrom(${JSON.stringify(CAT_JPG)}));
const video = await client.imageToVideo({ prompt: 'A cat', image_start: sdk.fileFrom(${JSON.stringify(CAT_JPG)}) }).waitForResult({ pollInterval: 10 });
const saved = await video.download(${JSON.stringify(join(dir, `${kind}.mp4`))});
const [many] = await client.generateMany([{ id: 'a', params: { model: 'wan2.7-text-to-video', prompt: 'A cat' } }], { wait: { pollInterval: 10 } });
await client.close();
console.log(uploaded.id.startsWith('file_') ? 'uploaded' : uploaded.id, saved.bytes, many.status);`;
    try {
      const { out, files } = await run(kind, `${IMPORT[kind]}\n${calls}`);
      expect(out).toBe(`uploaded ${readFileSync(join(dir, `${kind}.mp4`)).length} completed`);
      expect(lazyDependenciesIn(files)).toEqual(['image-size']);
      if (kind === 'esm') expect(sdkFilesIn(files).length).toBeGreaterThan(1); // the lazy chunks
    } finally {
      await server.close();
    }
  });
});

describe('a bundle of the SDK', () => {
  /** Bundles `code` (which imports 'evolink-wan' as an installed package) with esbuild's defaults, beside undici only. */
  async function bundle(name: string, code: string, format: 'esm' | 'cjs' = 'esm'): Promise<string> {
    const project = join(dir, name);
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(project, 'node_modules', 'evolink-wan'), 'dir');
    // undici stays external (see the README): installed beside the bundle, as in a deployment.
    symlinkSync(join(ROOT, 'node_modules', 'undici'), join(project, 'node_modules', 'undici'), 'dir');
    const entry = join(project, format === 'esm' ? 'entry.mjs' : 'entry.cjs');
    writeFileSync(entry, code);
    const outfile = join(project, format === 'esm' ? 'bundle.mjs' : 'bundle.cjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format,
      platform: 'node',
      external: ['undici'],
      logLevel: 'error',
    });
    return outfile;
  }
  const runBundle = async (file: string) =>
    (await promisify(execFile)(process.execPath, [file], { cwd: dir, encoding: 'utf8' })).stdout.trim();

  it("takes the package's `module` build, engine included, and creates and waits on a task", async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    try {
      const file = await bundle(
        'create',
        `import { WanClient } from 'evolink-wan';
const client = new WanClient({ apiKey: ${JSON.stringify(server.apiKey)}, baseURL: ${JSON.stringify(server.url)} });
const video = await client.textToVideo({ prompt: 'A cat' }).waitForResult({ pollInterval: 10 });
await client.close();
console.log(video.status);`,
      );
      expect(readFileSync(file, 'utf8')).not.toContain('./engine.js'); // the engine is bundled, not required beside it
      expect(await runBundle(file)).toBe('completed');
    } finally {
      await server.close();
    }
  });

  it('of a CommonJS program takes the CommonJS build (the `module` condition is for imports only)', async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    try {
      const file = await bundle(
        'cjs',
        `const { WanClient } = require('evolink-wan');
const client = new WanClient({ apiKey: ${JSON.stringify(server.apiKey)}, baseURL: ${JSON.stringify(server.url)} });
client.textToVideo({ prompt: 'A cat' }).waitForResult({ pollInterval: 10 }).then(async (video) => {
  await client.close();
  console.log(video.status);
});`,
        'cjs',
      );
      expect(await runBundle(file)).toBe('completed');
    } finally {
      await server.close();
    }
  });

  it('without ipaddr.js beside it fails a callback_url check with an EvoLinkError saying why', async () => {
    // esbuild cannot see the synchronous require of ipaddr.js, and it is not installed beside the bundle.
    const file = await bundle(
      'ipaddr',
      `import { EvoLinkError, Wan27TextToVideoSchema } from 'evolink-wan';
try {
  Wan27TextToVideoSchema.safeParse({ model: 'wan2.7-text-to-video', prompt: 'a cat', callback_url: 'https://127.0.0.1/hook' });
  console.log('no error');
} catch (error) {
  console.log(error instanceof EvoLinkError, error.message);
}`,
    );
    expect(await runBundle(file)).toBe(
      'true evolink-wan could not load its dependency ipaddr.js, which checks callback_url hosts: reinstall the dependencies, or keep ipaddr.js installed (external) when you bundle the SDK.',
    );
  });
});

it('the ESM and the CommonJS build export the same names (the split ESM build adds none)', async () => {
  const names = `console.log(JSON.stringify(Object.keys(sdk).sort()));`;
  const esm = await run('esm', `${IMPORT.esm}\n${names}`);
  const cjs = await run('cjs', `${IMPORT.cjs}\n${names}`);
  expect(JSON.parse(esm.out)).toEqual(JSON.parse(cjs.out));
  expect(JSON.parse(esm.out)).toContain('WanClient');
});

it('the ESM files import only each other, and zod only from the engine (every importer of zod resolves it anew)', () => {
  const staticImports = (file: string): string[] => [
    ...new Set([...readFileSync(join(ROOT, 'dist', file), 'utf8').matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!)),
  ];
  expect(staticImports('index.js')).toEqual(['./sdk.js']);
  expect(staticImports('sdk.js')).toEqual([]);
  expect(staticImports('engine.js').sort()).toEqual(['./sdk.js', 'zod']);
});

it('only dist/index.js imports the engine at import (a top-level await: in a file the engine imports, it would deadlock, and require() of the engine would throw)', () => {
  const importsEngine = (file: string) => readFileSync(join(ROOT, 'dist', file), 'utf8').includes("import('./engine.js')");
  expect(importsEngine('index.js')).toBe(true);
  for (const file of ['sdk.js', 'probe.js', 'engine.js'])
    expect({ file, importsEngine: importsEngine(file) }).toEqual({ file, importsEngine: false });
});
