// The command line's documentation (docs/cli.md) works verbatim: each ```sh block marked `<!-- readme-cli: run -->`
// runs, in order, in one folder, with `npx evolink-wan` resolving to the built bin and the key and URLs of a fake server.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { BIN, cliEnv, ensureBuilt, ROOT } from './run-cli.js';

const run = promisify(execFile);

interface ShellBlock {
  line: number;
  code: string;
  run: boolean;
}

const DOC = 'docs/cli.md';

/** The ```sh blocks of docs/cli.md; each must be marked run or skip (with a reason). */
function cliBlocks(): ShellBlock[] {
  const lines = readFileSync(join(ROOT, DOC), 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue;
    const marker = /^<!-- readme-cli: (run|skip \(.+\)) -->$/.exec(lines[i - 1] ?? '');
    if (!marker) throw new Error(`${DOC}:${i + 1}: a sh block needs <!-- readme-cli: run --> or <!-- readme-cli: skip (why) -->`);
    const close = lines.findIndex((line, j) => j > i && line === '```');
    blocks.push({ line: i + 2, code: lines.slice(i + 1, close).join('\n'), run: marker[1] === 'run' });
    i = close;
  }
  return blocks;
}

const blocks = cliBlocks();
const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-readme-'));
let server: FakeEvoLinkServer;

beforeAll(async () => {
  ensureBuilt();
  // `npx evolink-wan` runs the package's bin, as after `npm install evolink-wan` (a stand-in for npx: it takes a
  // second to start, offline and all; package.json's bin field is checked in sdk-isolation.test.ts).
  mkdirSync(join(dir, 'bin'));
  writeFileSync(
    join(dir, 'bin', 'npx'),
    `#!/bin/sh\n[ "$1" = evolink-wan ] || exit 127\nshift\nexec '${process.execPath}' '${BIN}' "$@"\n`,
    { mode: 0o755 },
  );
  copyFileSync(join(ROOT, 'examples', 'assets', 'cat.jpg'), join(dir, 'cat.jpg'));
  server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/cli.md', () => {
  it('has blocks to run', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThanOrEqual(3);
  });

  it('runs every block verbatim against the fake server, saving the videos it promises', async () => {
    // Polls every 50 ms instead of the default 3 s and more, so the waits take no time.
    const env = cliEnv(server, { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, EVOLINK_POLL_INTERVAL: '0.05' });
    for (const block of blocks.filter((b) => b.run)) {
      await run('bash', ['-e', '-o', 'pipefail', '-c', block.code], { cwd: dir, env, timeout: 30_000 }).catch(
        (error: { stderr?: string; message: string }) => {
          throw new Error(`${DOC}:${block.line} failed:\n${error.stderr || error.message}`);
        },
      );
    }
    for (const file of ['cat.mp4', 'videos/kitten.mp4', 'videos/cat-piano.mp4', 'wan2.7-image-to-video.schema.json']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').at(-1)!)).toMatchObject({ event: 'completed' });
  }, 90_000);
});
