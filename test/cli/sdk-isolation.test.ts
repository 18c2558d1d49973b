// The CLI is a separate entry loaded only by the bin: importing or requiring 'evolink-wan' loads no CLI code. Nor
// does it load the dependencies only some calls need (image-size, ipaddr.js): they load on first use, in both builds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from './run-cli.js';

/** Text found only in CLI modules (the exit-code table and the Ctrl-C message). */
const CLI_MARKERS = ['interrupted with Ctrl-C', 'keeps running on the server; resume with'];
const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-isolation-'));

beforeAll(ensureBuilt, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function containsCliCode(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  return CLI_MARKERS.some((marker) => text.includes(marker));
}

describe('the SDK entry stays free of CLI code', () => {
  it('the markers are really in the CLI bundle (so the checks below can fail)', () => {
    expect(containsCliCode(BIN)).toBe(true);
  });

  it("import 'evolink-wan' loads no CLI module", () => {
    const files = filesLoadedByImport();
    expect(files).toContain(join(ROOT, 'dist', 'index.js'));
    expect(files.filter(containsCliCode)).toEqual([]);
    expect(files).not.toContain(BIN);
  });

  it("require('evolink-wan') loads no CLI module", () => {
    const files = filesLoadedByRequire();
    expect(files).toContain(join(ROOT, 'dist', 'index.cjs'));
    expect(files.filter(containsCliCode)).toEqual([]);
  });
});

/** Dependencies that only some calls need, so importing the SDK must not load them (each costs 5–20 ms at start-up). */
const LAZY_DEPENDENCIES = ['image-size', 'ipaddr.js'];
const fromPackage = (name: string) => (file: string) => file.includes(`${sep}node_modules${sep}${name}${sep}`);
const lazyDependenciesIn = (files: string[]): string[] => LAZY_DEPENDENCIES.filter((name) => files.some(fromPackage(name)));

/** Every file a fresh Node process loads while running `code` as an ES module: the ESM loader's and CommonJS's. */
function filesLoadedByImport(code = "await import('evolink-wan');"): string[] {
  const log = join(dir, 'loads.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  const cjs = "console.log(JSON.stringify(Object.keys((await import('node:module')).createRequire(import.meta.url).cache)));";
  const out = execFileSync(process.execPath, ['--import', join(dir, 'register.mjs'), '--input-type=module', '-e', `${code}\n${cjs}`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const viaEsm = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  return [...viaEsm, ...(JSON.parse(out.trim().split('\n').at(-1)!) as string[])];
}

/** Every file a fresh Node process has in `require.cache` after running `code` as CommonJS. */
function filesLoadedByRequire(code = "require('evolink-wan');"): string[] {
  const out = execFileSync(process.execPath, ['-e', `${code}\nconsole.log(JSON.stringify(Object.keys(require.cache)))`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}

/** Validates a loopback `callback_url` with the built SDK bound to `sdk` and prints zod's message. */
const CALLBACK_CHECK = `const r = sdk.Wan27TextToVideoSchema.safeParse({ model: 'wan2.7-text-to-video', prompt: 'a cat', callback_url: 'https://[::ffff:7f00:1]/hook' });
console.log(r.success ? 'accepted' : r.error.issues.map((issue) => issue.message).join('; '));`;

describe('dependencies only some calls need load on first use', () => {
  it('the checks can see a package loaded from node_modules (zod is)', () => {
    expect(filesLoadedByImport().some(fromPackage('zod'))).toBe(true);
    expect(filesLoadedByRequire().some(fromPackage('zod'))).toBe(true);
  });

  it("import 'evolink-wan' loads neither image-size nor ipaddr.js", () => {
    expect(lazyDependenciesIn(filesLoadedByImport())).toEqual([]);
  });

  it("require('evolink-wan') loads neither image-size nor ipaddr.js", () => {
    expect(lazyDependenciesIn(filesLoadedByRequire())).toEqual([]);
  });

  it('the ESM build loads ipaddr.js for the first callback_url check and refuses a loopback host', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const sdk = await import('evolink-wan');\n${CALLBACK_CHECK}`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(out).toContain('[::ffff:7f00:1] embeds 127.0.0.1, a loopback address');
    expect(lazyDependenciesIn(filesLoadedByImport(`const sdk = await import('evolink-wan');\n${CALLBACK_CHECK}`))).toEqual(['ipaddr.js']);
  });

  it('the CommonJS build loads ipaddr.js for the first callback_url check and refuses a loopback host', () => {
    const out = execFileSync(process.execPath, ['-e', `const sdk = require('evolink-wan');\n${CALLBACK_CHECK}`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(out).toContain('[::ffff:7f00:1] embeds 127.0.0.1, a loopback address');
    expect(lazyDependenciesIn(filesLoadedByRequire(`const sdk = require('evolink-wan');\n${CALLBACK_CHECK}`))).toEqual(['ipaddr.js']);
  });

  it('package.json names the bin, which starts with a node shebang and is executable', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'evolink-wan': './dist/cli.js' });
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });
});
