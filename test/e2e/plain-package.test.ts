// The built package as users load it: an ordinary ESM + CommonJS build. Importing it loads none of the code only
// some calls need (uploads, downloads, generateMany, image-size), and those calls load it on first use from both
// builds; an ES module importing the SDK can itself be require()d (no top-level await anywhere in dist/); and a
// bundle of the SDK runs from a folder without node_modules, because every dependency is an ordinary import.
import { execFile } from 'node:child_process';
import { build, transform } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { ensureBuilt, ROOT } from '../cli/run-cli.js';
import { CAT_JPG } from '../support/media.js';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-package-'));
const HOOKS = join(dir, 'register.mjs');
const LOG = join(dir, 'loads.txt');
/** A project with the package installed (a link to this repository, so its own dependencies resolve). */
const PROJECT = join(dir, 'project');

beforeAll(() => {
  ensureBuilt();
  // A loader hook that logs every file the ESM loader loads (import(), also from CommonJS); require() shows in require.cache.
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(LOG)}, url + '\\n'); return next(url, context); }\n`,
  );
  writeFileSync(HOOKS, `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  mkdirSync(join(PROJECT, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(PROJECT, 'node_modules', 'evolink-wan'), 'dir');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a child process printed (all but the last line) and every file it loaded (the last line). */
interface Run {
  out: string;
  files: string[];
}

/** Runs `code` in a fresh Node process, as an ES module or as CommonJS, and lists the files it loaded. */
async function run(kind: 'esm' | 'cjs', code: string): Promise<Run> {
  writeFileSync(LOG, '');
  const cache = kind === 'esm' ? "(await import('node:module')).createRequire(import.meta.url).cache" : 'require.cache';
  const script =
    kind === 'esm'
      ? `${code}\nconsole.log(JSON.stringify(Object.keys(${cache})));`
      : `(async () => { ${code}\nconsole.log(JSON.stringify(Object.keys(${cache}))); })();`;
  const args = ['--import', HOOKS, ...(kind === 'esm' ? ['--input-type=module'] : []), '-e', script];
  const { stdout } = await exec(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  const lines = stdout.trim().split('\n');
  const viaEsm = readFileSync(LOG, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  return { out: lines.slice(0, -1).join('\n'), files: [...viaEsm, ...(JSON.parse(lines.at(-1)!) as string[])] };
}

const IMPORT = { esm: "const sdk = await import('evolink-wan');", cjs: "const sdk = require('evolink-wan');" };
const fromPackage = (name: string) => (file: string) => file.includes(`${sep}node_modules${sep}${name}${sep}`);
/** The SDK's own files that only some calls need (see tsup.config.ts), among `files`. */
const wingsIn = (files: string[]): string[] =>
  files
    .filter((file) => file.startsWith(join(ROOT, 'dist', sep)))
    .map((file) => file.slice(join(ROOT, 'dist').length + 1).replace(/-[A-Z0-9]{8}\./, '.'))
    .filter((file) => /^(download|files-api|generate-many|stream-client|upload-media)\./.test(file));

describe.each(['esm', 'cjs'] as const)('the %s build', (kind) => {
  it('loads neither the wings (uploads, downloads, generateMany) nor image-size at import', async () => {
    const { out, files } = await run(kind, `${IMPORT[kind]}\nconsole.log(new sdk.WanClient({ apiKey: 'sk-test' }).baseURL);`);
    expect(out).toBe('https://api.evolink.ai');
    // zod shows that the check sees packages at all.
    expect(files.some(fromPackage('zod'))).toBe(true);
    expect(files.some(fromPackage('image-size'))).toBe(false);
    expect(wingsIn(files)).toEqual([]);
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
      expect(files.some(fromPackage('image-size'))).toBe(true);
      expect(wingsIn(files).length).toBeGreaterThan(1);
    } finally {
      await server.close();
    }
  });
});

it('the ESM and the CommonJS build export the same names', async () => {
  const names = `console.log(JSON.stringify(Object.keys(sdk).sort()));`;
  const esm = await run('esm', `${IMPORT.esm}\n${names}`);
  const cjs = await run('cjs', `${IMPORT.cjs}\n${names}`);
  expect(JSON.parse(esm.out)).toEqual(JSON.parse(cjs.out));
  expect(JSON.parse(esm.out)).toContain('WanClient');
});

it('no file of dist/ has a top-level await (esbuild refuses one in CommonJS output)', async () => {
  const files = readdirSync(join(ROOT, 'dist')).filter((file) => file.endsWith('.js'));
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) {
    const code = readFileSync(join(ROOT, 'dist', file), 'utf8').replace(/^#!.*\n/, '');
    await expect(transform(code, { format: 'cjs', logLevel: 'silent' }).then(() => file)).resolves.toBe(file);
  }
  // The check itself fails on one.
  await expect(transform('await Promise.resolve(1); export {};', { format: 'cjs', logLevel: 'silent' })).rejects.toThrow(/Top-level await/);
});

it.each([
  ['evolink-wan', "import { WanClient } from 'evolink-wan';\nexport const name = typeof WanClient;"],
  ['evolink-wan/testing', "import { FakeEvoLinkServer } from 'evolink-wan/testing';\nexport const name = typeof FakeEvoLinkServer;"],
  ['evolink-wan/ai-sdk', "import { createEvoLink } from 'evolink-wan/ai-sdk';\nexport const name = typeof createEvoLink;"],
])('an ES module importing %s can itself be require()d (Node 20.19+, 22, 24)', async (entry, code) => {
  const file = join(PROJECT, `lib-${entry.replace('/', '-')}.mjs`);
  writeFileSync(file, code);
  const { stdout } = await exec(process.execPath, ['-e', `console.log(require(${JSON.stringify(file)}).name)`], {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  expect(stdout.trim()).toBe('function');
});

describe('a bundle of the SDK', () => {
  /**
   * Bundles `code` (which imports 'evolink-wan' as an installed package) with esbuild, everything included, and moves
   * the bundle to a folder of its own with no node_modules anywhere above it: what runs there is the bundle alone.
   * An ESM bundle gets esbuild's usual `require` banner: undici is CommonJS and requires Node's built-ins.
   */
  async function bundle(name: string, code: string, format: 'esm' | 'cjs'): Promise<string> {
    const ext = format === 'esm' ? 'mjs' : 'cjs';
    const entry = join(PROJECT, `${name}-entry.${ext}`);
    writeFileSync(entry, code);
    const built = join(PROJECT, `${name}-bundle.${ext}`);
    const banner =
      format === 'esm' ? { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } : {};
    await build({ entryPoints: [entry], outfile: built, bundle: true, format, platform: 'node', banner, logLevel: 'error' });
    const alone = mkdtempSync(join(tmpdir(), 'evolink-wan-bundle-'));
    copyFileSync(built, join(alone, `bundle.${ext}`));
    return join(alone, `bundle.${ext}`);
  }
  const runAlone = async (file: string) => {
    try {
      return (await exec(process.execPath, [file], { cwd: join(file, '..'), encoding: 'utf8', timeout: 30_000 })).stdout.trim();
    } finally {
      rmSync(join(file, '..'), { recursive: true, force: true });
    }
  };
  const createAndWait = (server: FakeEvoLinkServer) => `
const client = new WanClient({ apiKey: ${JSON.stringify(server.apiKey)}, baseURL: ${JSON.stringify(server.url)} });
const check = MODELS['wan2.7-text-to-video'].schema.safeParse({ model: 'wan2.7-text-to-video', prompt: 'a cat', callback_url: 'https://127.0.0.1/hook' });
const video = await client.textToVideo({ prompt: 'A cat' }).waitForResult({ pollInterval: 10 });
await client.close();
console.log(video.status, check.success);`;

  it.each(['esm', 'cjs'] as const)(
    'as %s creates and waits on a task, and checks a callback host, with no node_modules',
    async (format) => {
      const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
      try {
        const code =
          format === 'esm'
            ? `import { MODELS, WanClient } from 'evolink-wan';\n${createAndWait(server)}`
            : `const { MODELS, WanClient } = require('evolink-wan');\n(async () => {${createAndWait(server)}\n})();`;
        const file = await bundle(`create-${format}`, code, format);
        expect(await runAlone(file)).toBe('completed false');
      } finally {
        await server.close();
      }
    },
  );
});
