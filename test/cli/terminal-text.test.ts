// Issue 19, item 14: text from a server or a file reaches the terminal escaped. Every line the CLI prints goes through
// one function (printable, applied by the Ui), so a failed task's message cannot retitle the window, erase or move
// lines, or forge a `saved` line; JSON output stays the same data, with nothing raw a terminal would act on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TaskFailedError } from '../../src/errors/index.js';
import { BatchDisplay } from '../../src/cli/batch/batch-display.js';
import { colorsFor } from '../../src/cli/format.js';
import { printable, printableJson, printableLine } from '../../src/cli/printable.js';
import { reportFailure } from '../../src/cli/report-error.js';
import { Ui } from '../../src/cli/ui.js';
import { cliEnv, ensureBuilt, fakeServers, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

/** What a terminal acts on instead of showing (written out here, apart from the code under test). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test.
const ACTS_ON_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test.
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Hostile texts a server (or a file) could send, each with the words that must stay readable. */
const HOSTILE: [string, string][] = [
  ['retitle \u001b]0;pwned\u0007 window', 'pwned'],
  ['forged line\n✔ saved /home/you/cat.mp4 (1.2 MB)', 'saved /home/you/cat.mp4'],
  ['erase\r\u001b[2K\u001b[1A\u001b[Hgone', 'gone'],
  ['a C1 CSI \u009b31m and NEL \u0085 here', 'here'],
  ['bidi \u202eevil\u202c and isolate \u2067x\u2069', 'evil'],
  ['bell\u0007 nul\u0000 del\u007f backspace\b\b\bover', 'over'],
  ['hyperlink \u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
  ['line sep\u2028para sep\u2029vertical\u000btab\tend', 'end'],
];

describe('printable: one function for every foreign text', () => {
  it.each(HOSTILE)('escapes %j, keeping its words', (text, words) => {
    const shown = printable(text);
    expect(shown).not.toMatch(ANY_CONTROL);
    expect(shown).toContain(words);
    expect(shown.split('\n')).toHaveLength(1);
  });

  it('keeps printable text, non-ASCII included, as it is', () => {
    for (const text of ['A kitten · 45% · ~0:15 left', '猫がピアノを弾く', 'émoji 🐱 ok', 'path/with spaces/v.mp4']) {
      expect(printable(text)).toBe(text);
    }
  });

  it("printableLine keeps the CLI's own colours and only those", () => {
    const colors = colorsFor(true, {});
    for (const [text] of HOSTILE) {
      const line = printableLine(colors.red(`✖ ${text}`), true);
      expect(line.startsWith('\u001b[31m✖ ')).toBe(true);
      expect(line.endsWith('\u001b[39m')).toBe(true);
      expect(line.slice(5, -5)).not.toMatch(ANY_CONTROL);
      // Without colour, not even those.
      expect(printableLine(colors.red(text), false)).not.toMatch(ANY_CONTROL);
    }
  });

  it('printableJson is the same JSON value with nothing raw a terminal acts on', () => {
    for (const [text] of HOSTILE) {
      const value = { message: text, nested: [text] };
      for (const json of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
        const safe = printableJson(json);
        expect(safe).not.toMatch(ACTS_ON_TERMINAL);
        expect(JSON.parse(safe)).toEqual(value);
      }
    }
  });
});

/** A terminal-like stream that records what it was given. */
function terminal(): { isTTY: true; columns: number; text: string; write(chunk: string): boolean } {
  return {
    isTTY: true,
    columns: 200,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/** What a terminal would show: the CLI's own colours and status-line redraws removed, nothing else. */
function withoutOwnSequences(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the CLI's own sequences.
  return text.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m|\r\u001b\[2K/g, '');
}

describe('the Ui: every line a command prints on a terminal', () => {
  it('a failed task, a batch failure, a result line, a note and the status line, all escaped', () => {
    for (const [text] of HOSTILE) {
      const stdout = terminal();
      const stderr = terminal();
      const ui = new Ui({ stdout, stderr, env: {}, json: false });
      ui.startStatus(() => `waiting ${text}`);
      ui.note(`evolink-wan: ${text}`);
      const display = new BatchDisplay(ui, 2, 0);
      display.update({ type: 'failed', job: { id: 'cat', params: {} }, error: new Error(text), taskId: undefined } as never);
      const failed = new TaskFailedError({
        id: 'task-unified-1-a',
        status: 'failed',
        error: { code: 'internal_error', message: text },
      } as never);
      expect(reportFailure(ui, failed, { taskId: 'task-unified-1-a' })).toBe(4);
      ui.startStatus(() => 'uploading');
      ui.endStatus(ui.colors.green(`✔ uploaded ${text}`));
      ui.result(text);
      expect(withoutOwnSequences(stderr.text), JSON.stringify(text)).not.toMatch(ACTS_ON_TERMINAL);
      expect(withoutOwnSequences(stdout.text), JSON.stringify(text)).not.toMatch(ACTS_ON_TERMINAL);
      // No line of its own: nothing forged starts a line.
      for (const line of withoutOwnSequences(stderr.text + stdout.text).split('\n')) expect(line).not.toMatch(/^✔ saved/);
      expect(stdout.text.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });
});

const fake = fakeServers({});
const FAST = ['--poll-interval', '0.02'];

describe('the bin: a failed task whose message is hostile', () => {
  it('stderr shows each message escaped on one line; the JSON event keeps it as data', async () => {
    const runs = await Promise.all(
      HOSTILE.map(async ([message]) => {
        const server = await fake({ plan: () => ({ outcome: { status: 'failed', code: 'internal_error', message }, polls: 1 }) });
        return { message, run: await runCli(['t2v', '--prompt', 'a cat', ...FAST], { env: cliEnv(server) }) };
      }),
    );
    for (const { message, run } of runs) {
      expect(run.code, JSON.stringify(message)).toBe(4);
      expect(run.stderr, JSON.stringify(message)).not.toMatch(ACTS_ON_TERMINAL);
      expect(run.stderr.split('\n').filter((line) => line.startsWith('✖'))).toHaveLength(1);
      expect(run.stderr).not.toMatch(/^✔/m);
      expect(run.stdout).not.toMatch(ACTS_ON_TERMINAL);
      expect(run.events.at(-1)).toMatchObject({ event: 'failed', error: { message: expect.stringContaining(message) } });
    }
  }, 120_000);

  it('a jobs file whose field names carry escape sequences and line breaks: the problems are printed escaped', async () => {
    const server = await fake();
    const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-text-'));
    const jobs = join(dir, 'jobs.jsonl');
    const lines = HOSTILE.map(([text], i) => JSON.stringify({ id: `job-${i}`, model: 'wan2.7-text-to-video', prompt: 'x', [text]: 1 }));
    writeFileSync(jobs, `${lines.join('\n')}\n`);
    const run = await runCli(['batch', jobs, '--out-dir', join(dir, 'out')], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('job-0');
    expect(run.stderr).not.toMatch(ACTS_ON_TERMINAL);
    expect(run.stderr).not.toMatch(/^✔/m);
    // One line per problem, plus the heading: no text of the file added a line.
    expect(run.stderr.trim().split('\n')).toHaveLength(HOSTILE.length + 1);
    expect(server.requests).toHaveLength(0);
  }, 60_000);
});
