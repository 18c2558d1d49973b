// `evolink-wan batch --max-usd/--max-seconds [--yes]`: the total estimate is printed before anything is submitted, a
// batch whose estimate is over the limit is refused with nothing sent, and with --yes no more than the limit is spent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, ensureBuilt, fakeServers, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);
const root = mkdtempSync(join(tmpdir(), 'evolink-wan-batch-budget-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
const FAST = ['--poll-interval', '0.02'];

let runs = 0;
const CLIP = join(import.meta.dirname, '..', 'fixtures', 'media', 'av', 'clip-6s.mp4');
/** A jobs file of the given lines (objects), in a fresh run folder. */
function jobsOf(lines: object[]): { file: string; out: string } {
  const dir = join(root, `run-${runs++}`);
  writeFileSync(`${dir}.jsonl`, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return { file: `${dir}.jsonl`, out: dir };
}
/** An edit of the 6 s fixture clip: 6 s in + 6 s out = 12 s, $1.032 at 720p; 20 s ($1.72) if its length were unknown. */
const EDIT = { model: 'wan2.7-video-edit', prompt: 'snow', video_urls: [CLIP] };
/** Three wan2.7 jobs of 10 s at 720p: $0.86 each, $2.58 in all (seed 003 §7). */
function jobs(model = 'wan2.7-text-to-video'): { file: string; out: string } {
  const dir = join(root, `run-${runs++}`);
  const lines = [0, 1, 2].map((i) => JSON.stringify({ id: `job-${i}`, model, prompt: `prompt ${i}`, duration: 10 }));
  writeFileSync(`${dir}.jsonl`, `${lines.join('\n')}\n`);
  return { file: `${dir}.jsonl`, out: dir };
}

describe('batch budgets', () => {
  it('prints the total estimate before submitting', async () => {
    const server = await fake();
    const { file, out } = jobs();
    const run = await runCli(['batch', file, '--out-dir', out, '--json', ...FAST], { env: cliEnv(server) });
    expect(run.code, run.stderr).toBe(0);
    const estimate = run.events.find((e) => e.event === 'estimate');
    expect(estimate).toMatchObject({ jobs: 3, billedSeconds: 30, maxBilledSeconds: 30, exact: true });
    expect(estimate!.usd).toBeCloseTo(2.58, 10);
    expect(run.events.findIndex((e) => e.event === 'estimate')).toBeLessThan(run.events.findIndex((e) => e.event === 'submitted'));
  });

  it.each([
    ['--max-usd', '2', /over --max-usd 2/],
    ['--max-seconds', '25', /over --max-seconds 25/],
  ])('%s %s under the estimate: exit 2, nothing sent, and what to do', async (flag, value, reason) => {
    const server = await fake();
    const { file, out } = jobs();
    const run = await runCli(['batch', file, '--out-dir', out, flag, value, ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain('nothing was sent');
    expect(run.stderr).toContain('--yes');
    expect(server.requests).toHaveLength(0);
  });

  it('a USD limit on jobs without a known price is refused: it could not be checked', async () => {
    const server = await fake();
    const { file, out } = jobs('wan2.6-text-to-video');
    const run = await runCli(['batch', file, '--out-dir', out, '--max-usd', '100', ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot be checked: a job has no known price');
    expect(server.requests).toHaveLength(0);
  });

  it('with --yes, submits only as many jobs as fit the limit; a run with room enough submits the rest', async () => {
    const server = await fake();
    const { file, out } = jobs();
    const first = await runCli(['batch', file, '--out-dir', out, '--max-usd', '2', '--yes', '--json', '--concurrency', '1', ...FAST], {
      env: cliEnv(server),
    });
    expect(server.tasks.size).toBe(2);
    expect(first.code).toBe(2); // the job refused by the budget
    const summary = first.events.at(-1)!;
    expect((summary.done as unknown[]).length).toBe(2);
    expect((summary.failed as { reason: string }[])[0]?.reason).toMatch(/maxUsd/);
    const second = await runCli(['batch', file, '--out-dir', out, '--max-usd', '1', ...FAST], { env: cliEnv(server) });
    expect(second.code, second.stderr).toBe(0);
    expect(server.tasks.size).toBe(3);
  });

  it('with --yes, a job refused by the budget uploads nothing: the check comes before its upload', async () => {
    const server = await fake();
    const { file, out } = jobsOf([
      { id: 'a', model: 'wan2.7-text-to-video', prompt: 'a cat', duration: 10 },
      { id: 'b', ...EDIT },
    ]);
    const run = await runCli(['batch', file, '--out-dir', out, '--max-usd', '1.5', '--yes', '--json', '--concurrency', '1', ...FAST], {
      env: cliEnv(server),
    });
    expect(run.code).toBe(2);
    expect(server.tasks.size).toBe(1);
    const summary = run.events.at(-1)!;
    expect(summary.failed).toEqual([expect.objectContaining({ id: 'b', reason: expect.stringMatching(/\$1\.032.*maxUsd/) })]);
    expect(server.fileRequests).toHaveLength(0);
  });

  it('reserves the measured length of a local clip, not the most an unknown clip could bill', async () => {
    const server = await fake();
    const { file, out } = jobsOf([{ id: 'edit', ...EDIT }]);
    const run = await runCli(['batch', file, '--out-dir', out, '--max-usd', '1.2', '--json', ...FAST], { env: cliEnv(server) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.find((e) => e.event === 'estimate')).toMatchObject({ billedSeconds: 12, exact: true });
    expect(server.tasks.size).toBe(1);
  });
});
