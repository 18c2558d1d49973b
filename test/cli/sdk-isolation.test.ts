// The CLI is a separate entry loaded only by the bin: importing or requiring 'evolink-wan' loads no CLI code.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliFiles, ensureBuilt, filesLoadedBy, ROOT } from './run-cli.js';

/** Text found only in CLI modules (the exit-code table and the Ctrl-C message). */
const CLI_MARKERS = ['interrupted with Ctrl-C', 'keeps running on the server; resume with'];

beforeAll(ensureBuilt, 120_000);

function containsCliCode(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  return CLI_MARKERS.some((marker) => text.includes(marker));
}

describe('the SDK entry stays free of CLI code', () => {
  it('the markers are really in the CLI code (so the checks below can fail)', () => {
    expect(cliFiles().some(containsCliCode)).toBe(true);
  });

  it("import 'evolink-wan' loads no CLI module", () => {
    const files = filesLoadedBy(['--input-type=module', '-e', "await import('evolink-wan');"]);
    expect(files).toContain(join(ROOT, 'dist', 'index.js'));
    expect(files.filter(containsCliCode)).toEqual([]);
    expect(files.filter((file) => cliFiles().includes(file))).toEqual([]);
  });

  it("require('evolink-wan') loads no CLI module", () => {
    const out = execFileSync(process.execPath, ['-e', "require('evolink-wan'); console.log(JSON.stringify(Object.keys(require.cache)))"], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const files = JSON.parse(out) as string[];
    expect(files).toContain(join(ROOT, 'dist', 'index.cjs'));
    expect(files.filter(containsCliCode)).toEqual([]);
  });

  it('package.json names the bin, which starts with a node shebang and is executable', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'evolink-wan': './dist/cli.js' });
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });
});
