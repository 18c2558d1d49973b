// Issue 19, item 18: the output convention. When stdout is not a terminal (a pipe, a file) or with --json, stdout
// carries JSON lines only, one event each, and the last line of a successful run is the result a script wants: `saved`
// with the path (with -o), `completed` with the URL, `submitted` with the task id (--no-wait), `uploaded` with the
// URL. (On a terminal, stdout is the bare path or URL: test/cli/terminal.test.ts.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAT_JPG } from '../support/media.js';
import { cliEnv, ensureBuilt, fakeServers, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
const FAST = ['--poll-interval', '0.02'];

/** Every stdout line, parsed: each must be one JSON object. */
function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.each([
  ['piped', []],
  ['--json', ['--json']],
])('stdout %s', (_mode, flags) => {
  it('only JSON lines; the last is the result: saved path, URL, task id, uploaded URL', async () => {
    const server = await fake();
    const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-out-'));
    const cases: [string[], Record<string, unknown>][] = [
      [['t2v', '--prompt', 'a cat', '-o', 'cat.mp4', ...FAST], { event: 'saved', path: join(dir, 'cat.mp4') }],
      [['t2v', '--prompt', 'a cat', ...FAST], { event: 'completed', url: expect.stringMatching(/^http:\/\/.*\.mp4$/) }],
      [['t2v', '--prompt', 'a cat', '--no-wait'], { event: 'submitted', taskId: expect.stringMatching(/^task-unified-/) }],
      [['upload', CAT_JPG], { event: 'uploaded', url: expect.stringMatching(/^http:\/\//) }],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli([...args, ...flags], { env: cliEnv(server), cwd: dir })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, cases[i]![0].join(' ')).toBe(0);
      const events = jsonLines(run.stdout);
      expect(events.at(-1)).toMatchObject(cases[i]![1]);
      // Nothing after the result, and nothing of the person-facing text on stdout.
      expect(events.filter((e) => e.event === events.at(-1)!.event)).toHaveLength(1);
    }
  }, 90_000);

  it('a failure ends with the failed event and its exit code', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'failed', code: 'content_policy_violation' }, polls: 1 }) });
    const run = await runCli(['t2v', '--prompt', 'a cat', ...FAST, ...flags], { env: cliEnv(server) });
    expect(run.code).toBe(4);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ event: 'failed', exitCode: 4 });
  }, 60_000);
});
