// Issue 19, item 15: exit codes and hints tell the truth. A destination that cannot be written exits 1 (before
// anything is billed); a task that failed is not said to keep running; SIGTERM stops like Ctrl-C (resume hint, no
// .part left, exit 143); messages name variables and flags, not SDK options; a mistyped field of a jobs file gets the
// same "did you mean" as a mistyped flag.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionError, DownloadError } from '../../src/errors/index.js';
import { inCliTerms } from '../../src/cli/cli-wording.js';
import { exitCodeFor, LocalFileError } from '../../src/cli/exit-codes.js';
import { faults } from '../../src/testing/index.js';
import { cliEnv, ensureBuilt, fakeServers, runCli, startCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
const FAST = ['--poll-interval', '0.02'];
const KEEPS_RUNNING = /keeps running/;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'evolink-wan-exit-'));
}

describe('a destination that cannot be written: exit 1, nothing sent', () => {
  it('-o a folder, -o under a file: t2v, wait and download refuse before any request', async () => {
    const server = await fake();
    const dir = scratch();
    writeFileSync(join(dir, 'a-file'), 'x');
    mkdirSync(join(dir, 'a-folder'));
    const id = server.seedTask({ model: 'wan2.7-text-to-video', prompt: 'earlier' }, { outcome: { status: 'completed' }, polls: 1 });
    const destinations = [join(dir, 'a-folder'), join(dir, 'a-file', 'cat.mp4'), join(dir, 'a-file', 'deeper', 'cat.mp4')];
    const commands = destinations.flatMap((out) => [
      ['t2v', '--prompt', 'a cat', '-o', out, ...FAST],
      ['wait', id, '-o', out, ...FAST],
      ['download', `${server.contentUrl}/videos/${id}.mp4`, '-o', out],
    ]);
    const runs = await Promise.all(commands.map((args) => runCli(args, { env: cliEnv(server) })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, commands[i]!.join(' ')).toBe(1);
      expect(run.stderr, commands[i]!.join(' ')).toMatch(/is a folder|is not a folder/);
      expect(run.stderr).toContain('Nothing was sent');
      expect(run.events.at(-1)).toMatchObject({ event: 'failed', exitCode: 1, error: { name: 'LocalFileError' } });
    }
    expect(server.requests).toHaveLength(0);
    expect(server.contentRequests).toHaveLength(0);
  }, 120_000);

  it('a download that fails writing the file is exit 1; one that fails fetching it stays exit 3', () => {
    const writing = Object.assign(new Error("EACCES: permission denied, open '/videos/cat.mp4.part'"), {
      code: 'EACCES',
      syscall: 'open',
      path: '/videos/cat.mp4.part',
    });
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/v.mp4' });
    const init = { url: 'https://cdn.example/v.mp4', taskId: undefined, received: 0, total: undefined };
    expect(exitCodeFor(new DownloadError('failed', { ...init, cause: writing }))).toBe(1);
    expect(exitCodeFor(new DownloadError('failed', { ...init, cause: full }))).toBe(1);
    expect(exitCodeFor(new LocalFileError('-o is a folder'))).toBe(1);
    const network = new APIConnectionError('Could not reach the host', { mayHaveReachedServer: false });
    expect(exitCodeFor(new DownloadError('failed', { ...init, cause: network }))).toBe(3);
    expect(exitCodeFor(new DownloadError('failed', { ...init, status: 500 }))).toBe(3);
  });
});

describe('a task that failed is not said to keep running', () => {
  const outcomes = [
    { status: 'failed', code: 'content_policy_violation', message: 'flagged' },
    { status: 'failed', code: 'internal_error', message: 'server broke' },
    { status: 'cancelled' },
  ] as const;

  it.each(outcomes)(
    '$status $code: no resume hint, in text or JSON (t2v and wait)',
    async (outcome) => {
      const server = await fake({ plan: () => ({ outcome, polls: 1 }) });
      const created = await runCli(['t2v', '--prompt', 'a cat', '-o', join(scratch(), 'cat.mp4'), ...FAST], { env: cliEnv(server) });
      const id = server.seedTask({ model: 'wan2.7-text-to-video', prompt: 'x' }, { outcome, polls: 1 });
      const waited = await runCli(['wait', id, '--json', ...FAST], { env: cliEnv(server) });
      for (const run of [created, waited]) {
        expect(run.code).toBe(4);
        expect(run.stderr).not.toMatch(KEEPS_RUNNING);
        expect(JSON.stringify(run.events.at(-1))).not.toMatch(KEEPS_RUNNING);
        expect(run.stderr).toContain('Worth resubmitting');
      }
    },
    60_000,
  );

  it('a wait that timed out still says the task keeps running, and how to resume', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, polls: 10_000 }) });
    const run = await runCli(['t2v', '--prompt', 'a cat', '--timeout', '0.3', ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/keeps running on the server; resume with: evolink-wan wait task-unified-/);
  }, 30_000);
});

describe('SIGTERM stops like Ctrl-C: resume hint, no .part left, exit 143', () => {
  it('while waiting: the task id and the resume command, exit 143', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, polls: 10_000 }) });
    const cli = startCli(['t2v', '--prompt', 'a cat', '-o', 'cat.mp4', ...FAST], { env: cliEnv(server), cwd: scratch() });
    const progress = await cli.waitForEvent((e) => e.event === 'progress');
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(run.code).toBe(143);
    const resume = `evolink-wan wait ${progress.taskId} -o cat.mp4`;
    expect(run.stderr).toContain(`Task ${progress.taskId} keeps running on the server`);
    expect(run.stderr).toContain(resume);
    expect(run.events.at(-1)).toEqual({ event: 'interrupted', exitCode: 143, taskId: progress.taskId, resume });
  }, 30_000);

  it('while downloading: the partial file is removed, exit 143', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed', video: { size: 5_000_000 } }, polls: 1 }) });
    server.inject(faults.slow(50_000, 100, { on: 'downloads' }));
    const dir = scratch();
    const cli = startCli(['t2v', '--prompt', 'a cat', '-o', 'cat.mp4', ...FAST], { env: cliEnv(server), cwd: dir });
    await cli.waitForEvent((e) => e.event === 'completed');
    // Until the download has begun writing.
    for (let i = 0; i < 200 && readdirSync(dir).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(run.code).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('a batch: exit 143 and the command that resumes it', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, polls: 10_000 }) });
    const dir = scratch();
    writeFileSync(join(dir, 'jobs.jsonl'), `${JSON.stringify({ id: 'cat', model: 'wan2.7-text-to-video', prompt: 'x' })}\n`);
    const cli = startCli(['batch', 'jobs.jsonl', '--out-dir', 'out', ...FAST], { env: cliEnv(server), cwd: dir });
    await cli.waitForEvent((e) => e.event === 'submitted');
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(run.code).toBe(143);
    expect(run.events.at(-1)).toMatchObject({ event: 'interrupted', exitCode: 143, resume: expect.stringContaining('evolink-wan batch') });
    expect(existsSync(join(dir, 'out', 'evolink-wan-batch.lock'))).toBe(false);
  }, 30_000);
});

describe("messages in the CLI's terms", () => {
  it('a wrong key, a bad base URL, files URL or provider are named by their variables', async () => {
    const server = await fake();
    const cases: [Record<string, string>, RegExp, number][] = [
      [{ EVOLINK_API_KEY: 'sk-wrong-key-0000' }, /check the API key \(EVOLINK_API_KEY\)/, 3],
      [{ EVOLINK_BASE_URL: 'ftp://api.example' }, /^✖ EVOLINK_BASE_URL must use https:\/\//m, 2],
      [{ EVOLINK_FILES_BASE_URL: 'ftp://files.example' }, /^✖ EVOLINK_FILES_BASE_URL /m, 2],
      [{ EVOLINK_PROVIDER: 'novitta' }, /^✖ EVOLINK_PROVIDER "novitta" is not supported; use "novita"/m, 2],
    ];
    const runs = await Promise.all(cases.map(([extra]) => runCli(['t2v', '--prompt', 'a cat', ...FAST], { env: cliEnv(server, extra) })));
    for (const [i, run] of runs.entries()) {
      expect(run.stderr, JSON.stringify(cases[i]![0])).toMatch(cases[i]![1]);
      expect(run.code).toBe(cases[i]![2]);
      expect(run.stderr + run.stdout).not.toMatch(/the apiKey option|\bbaseURL\b|\bfilesBaseURL\b|new WanClient/);
    }
  }, 60_000);

  it('SDK option names in messages become variables and flags', () => {
    expect(inCliTerms('401 unauthorized; check the API key (EVOLINK_API_KEY or the apiKey option) (request id r)')).toBe(
      '401 unauthorized; check the API key (EVOLINK_API_KEY) (request id r)',
    );
    expect(inCliTerms('Request timed out after 60000 ms (GET /v1/tasks/x); raise the timeout option if the API is slow.')).not.toMatch(
      /option/,
    );
    expect(
      inCliTerms(
        "wan9 at 720p has no known price, so the budget's maxUsdPerTask cannot be checked; configure its price with the prices option ({ 'wan9': { '720p': usdPerSecond } }) or use a seconds limit",
      ),
    ).toBe('wan9 at 720p has no known price, so --max-usd cannot be checked; the CLI cannot be given prices: use --max-seconds instead');
  });
});

describe('a mistyped field of a jobs file gets "did you mean", as a mistyped flag does', () => {
  it('several typos, each with its suggestion; no raw zod message', async () => {
    const server = await fake();
    const dir = scratch();
    const typos: [Record<string, unknown>, string][] = [
      [{ promt: 'a cat' }, 'promt is not a wan2.7-text-to-video parameter; did you mean prompt?'],
      [{ prompt: 'x', durration: 5 }, 'durration is not a wan2.7-text-to-video parameter; did you mean duration?'],
      [{ prompt: 'x', aspectRatio: '16:9' }, 'aspectRatio is not a wan2.7-text-to-video parameter; did you mean aspect_ratio?'],
      [{ prompt: 'x', negative_promt: 'dark' }, 'negative_promt is not a wan2.7-text-to-video parameter; did you mean negative_prompt?'],
    ];
    const lines = typos.map(([fields], i) => JSON.stringify({ id: `job-${i}`, model: 'wan2.7-text-to-video', ...fields }));
    writeFileSync(join(dir, 'jobs.jsonl'), `${lines.join('\n')}\n`);
    const run = await runCli(['batch', join(dir, 'jobs.jsonl'), '--out-dir', join(dir, 'out')], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    for (const [i, [, message]] of typos.entries()) expect(run.stderr).toContain(`line ${i + 1} (job-${i}): ${message}`);
    expect(run.stderr).not.toMatch(/Unrecognized key/);
    expect(server.requests).toHaveLength(0);
  }, 30_000);
});
