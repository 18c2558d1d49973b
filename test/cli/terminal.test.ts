// One run of the bin under a real pseudo-terminal (tmux): the status line redraws in place on stderr and ends clean,
// with colour only on a terminal and never with NO_COLOR.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { stripAnsi } from '../../src/cli/format.js';
import { CAT_JPG } from '../support/media.js';
import { BIN, cliEnv, ensureBuilt } from './run-cli.js';

/** tmux is installed by scripts/test.sh and .ci/run; when missing here, try once, as root, from Debian's packages. */
function tmuxAvailable(): string | undefined {
  const has = (): boolean => {
    try {
      execFileSync('tmux', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return undefined;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq tmux'], { stdio: 'ignore', timeout: 120_000 });
    } catch {
      // reported below
    }
  }
  return has() ? undefined : 'tmux is not installed and could not be installed (apt-get install -y tmux, as root)';
}

const missing = tmuxAvailable();
const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-tty-'));
const socket = `evolink-wan-test-${process.pid}`;
let server: FakeEvoLinkServer;

beforeAll(async () => {
  ensureBuilt();
  server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 1500, estimatedTime: 2 }) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  try {
    execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // no server left
  }
  rmSync(dir, { recursive: true, force: true });
});

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {
    encoding: 'utf8',
    env: cliEnv(server, { TERM: 'xterm-256color' }),
  });
}

/** Runs the bin in a 100×20 tmux window; returns the raw bytes the terminal received and the screen at the end. */
async function runInTerminal(name: string, env: string, args: string): Promise<{ raw: string; screen: string[] }> {
  const go = join(dir, `${name}.go`);
  const raw = join(dir, `${name}.raw`);
  const script = join(dir, `${name}.sh`);
  writeFileSync(
    script,
    `while [ ! -e '${go}' ]; do sleep 0.02; done\ncd '${dir}'\n${env} '${process.execPath}' '${BIN}' ${args} --poll-interval 0.1\necho "EXIT=$?"\nsleep 60\n`,
  );
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '20', `sh '${script}'`);
  // Record the pane's raw output before the command starts.
  tmux('pipe-pane', '-t', name, '-o', `cat > '${raw}'`);
  writeFileSync(go, '');
  const deadline = Date.now() + 15_000;
  let screen: string[] = [];
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', name).split('\n');
    if (screen.some((line) => line.startsWith('EXIT='))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  tmux('kill-session', '-t', name);
  return { raw: readFileSync(raw, 'utf8'), screen: screen.filter((line) => line.trim() !== '') };
}

describe.skipIf(missing !== undefined)(`evolink-wan on a terminal${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('redraws one status line in place (upload, status, download) and leaves a clean final line; colour unless NO_COLOR', async () => {
    const { raw, screen } = await runInTerminal('color', '', `i2v --image-start '${CAT_JPG}' --prompt 'a cat' -o cat.mp4`);
    const taskId = [...server.tasks.keys()][0]!;
    // What the person sees at the end: the final line, the saved file, nothing half-drawn.
    expect(screen).toEqual([
      // What the task reserved, printed once above the status line when it was created.
      `Task ${taskId} created: 5 credits reserved (per_second).`,
      expect.stringMatching(new RegExp(`^✔ ${taskId} completed in 0:0\\d, saved cat\\.mp4 \\(\\d+(\\.\\d)? KB\\)$`)),
      join(dir, 'cat.mp4'),
      'EXIT=0',
    ]);
    // What was drawn: frames that each erase the line first — the upload, then status, progress, elapsed and time
    // left, then the download — none wider than the terminal.
    const frames = raw.split('\r\u001b[2K').slice(1).map(stripAnsi);
    expect(frames.some((f) => /^\S uploading cat\.jpg \d+% · \d+(\.\d)? KB \/ \d+(\.\d)? KB/.test(f))).toBe(true);
    const processing = frames.filter((f) => /^\S processing \d+% · 0:0\d elapsed · (~0:0\d left|finishing) · task-unified-/.test(f));
    expect(processing.length).toBeGreaterThanOrEqual(3);
    expect(new Set(processing.map((f) => f.match(/\d+%/)?.[0])).size).toBeGreaterThanOrEqual(2);
    expect(frames.some((f) => /^\S downloading cat\.mp4 \d+% · \d+(\.\d)? KB \/ \d+(\.\d)? KB/.test(f))).toBe(true);
    expect(frames.every((f) => f.split('\n')[0]!.length < 100)).toBe(true);
    expect(raw).toContain('\u001b[36m'); // the spinner is coloured on a terminal
    const plain = await runInTerminal('plain', 'NO_COLOR=1', "t2v --prompt 'a cat'");
    expect(plain.screen[0]).toMatch(/^Task task-unified-\S+ created: 5 credits reserved/);
    expect(plain.screen[1]).toMatch(/^✔ task-unified-\S+ completed in/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an SGR (colour) escape sequence is what must be absent.
    expect(plain.raw).not.toMatch(/\u001b\[\d+m/);
    expect(plain.raw).toContain('\r\u001b[2K');
  }, 40_000);
});

describe.skipIf(missing !== undefined)(`evolink-wan on a terminal: what stdout holds${missing ? ` (skipped: ${missing})` : ''}`, () => {
  // Issue 19, item 18: on a terminal stdout gets the result alone (messages and the status line are on stderr,
  // sent elsewhere here), its last line what a script or the next command wants.
  it('the saved path with -o, else the URL, else (with --no-wait) the task id', async () => {
    const saved = await runInTerminal('stdout-saved', '', "t2v --prompt 'a cat' -o kitten.mp4 2>/dev/null");
    expect(saved.screen).toEqual([join(dir, 'kitten.mp4'), 'EXIT=0']);
    const url = await runInTerminal('stdout-url', '', "t2v --prompt 'a cat' 2>/dev/null");
    expect(url.screen).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/.*task-unified-.*\.mp4$/), 'EXIT=0']);
    const id = await runInTerminal('stdout-id', '', "t2v --prompt 'a cat' --no-wait 2>/dev/null");
    expect(id.screen).toEqual([expect.stringMatching(/^task-unified-\S+$/), 'EXIT=0']);
  }, 60_000);
});
