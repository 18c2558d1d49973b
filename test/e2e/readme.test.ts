// Docs that run: every ```ts block of README.md and docs/*.md is typechecked against the built package and run, each in its own
// process, against a fresh fake EvoLink server (see scripts/readme-blocks.mjs for the block conventions).
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FakeEvoLinkServer, FakeNovitaServer, type FakeServerOptions } from '../../src/testing/index.js';
import { compileToMjs } from '../../scripts/compile-mjs.mjs';
import { ensureBuilt } from '../support/ensure-built.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const outDir = join(root, '.tmp', 'readme');
/** The blocks compiled to plain JavaScript, with the loopback guard beside them. */
const jsDir = join(outDir, 'js');
/** Lines the extractor puts before each block (header, prelude). */
const LINES_BEFORE_BLOCK = 2;
const BLOCK_TIMEOUT_MS = 30_000;

interface Block {
  file: string;
  /** The document it is in: `README.md` or `docs/….md`. */
  source: string;
  /** The document's line of the block's first code line. */
  line: number;
  typecheck: boolean;
  run: boolean;
  reason?: string;
  extraFields?: string[];
  output?: string[];
}

/** Compiles the blocks to run, and the loopback guard, to .mjs (the test helpers a prelude imports are bundled in). */
function compile(blocks: Block[]): void {
  const entries = Object.fromEntries(blocks.filter((b) => b.run).map((b) => [b.file.replace(/\.ts$/, ''), join(outDir, b.file)]));
  compileToMjs({ ...entries, 'loopback-only': join(root, 'test', 'e2e', 'readme', 'loopback-only.ts') }, jsDir);
}

/** Extracts the blocks at collection time, so that each becomes its own test. */
function extract(): Block[] {
  ensureBuilt(); // the blocks import the built package
  execFileSync(process.execPath, [join(root, 'scripts', 'readme-blocks.mjs')], { cwd: root });
  const blocks = JSON.parse(readFileSync(join(outDir, 'blocks.json'), 'utf8')) as Block[];
  compile(blocks);
  return blocks;
}

/** `03.ts(7,5): error TS…` → `README.md:<line>: error TS…`, so a failure points at the document. */
function toReadmeLines(output: string, blocks: Block[]): string {
  return output.replace(/^(\d\d\.ts)\((\d+),(\d+)\)/gm, (match, file: string, line: string, column: string) => {
    const block = blocks.find((b) => b.file === file);
    return block ? `${block.source}:${block.line + Number(line) - LINES_BEFORE_BLOCK - 1}:${column} (${file})` : match;
  });
}

const blocks = extract();

describe.concurrent('README and docs code blocks', () => {
  it('are all found', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it('typecheck against the built package', async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json'), '--pretty', 'false'], { cwd: outDir }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(toReadmeLines(result, blocks)).toBe('');
  }, 180_000);

  for (const block of blocks) {
    const title = `${block.source}:${block.line} (${block.file}) runs against the fake server`;
    if (!block.run) {
      it.skip(`${title} — not run: ${block.reason}`, () => {});
      continue;
    }
    it(
      title,
      async () => {
        // Tasks complete at the first poll and report a 2 s estimate, so the default schedule's first poll (about 0.5 s) ends
        // a sample's wait.
        const options: FakeServerOptions = { plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) };
        const server = await FakeEvoLinkServer.start(block.extraFields ? { ...options, extraFields: block.extraFields } : options);
        // The provider samples run against a fake novita server the same way.
        const novita = await FakeNovitaServer.start({ plan: options.plan });
        try {
          const env = {
            ...process.env,
            EVOLINK_API_KEY: server.apiKey,
            EVOLINK_BASE_URL: server.url,
            EVOLINK_FILES_BASE_URL: server.filesUrl,
            NOVITA_API_KEY: novita.apiKey,
            NOVITA_BASE_URL: novita.url,
            NODE_NO_WARNINGS: '1',
          };
          const js = (file: string) => join(jsDir, file.replace(/\.ts$/, '.mjs'));
          const args = ['--enable-source-maps', '--import', js('loopback-only.ts'), js(block.file)];
          const { stdout } = await run(process.execPath, args, { cwd: root, env, timeout: BLOCK_TIMEOUT_MS }).catch(
            (error: { stderr?: string; message: string }) => {
              throw new Error(`${block.source}:${block.line} failed (.tmp/readme/${block.file}):\n${error.stderr || error.message}`);
            },
          );
          if (block.output) expect(stdout.trimEnd().split('\n')).toEqual(block.output);
        } finally {
          await Promise.all([server.close(), novita.close()]);
        }
      },
      BLOCK_TIMEOUT_MS + 10_000,
    );
  }
});
