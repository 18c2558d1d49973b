// `evolink-wan batch`: jobs from a JSON Lines file, saved as <out-dir>/<id>.mp4, resumable after a crash without
// billing any job twice (asserted on the fake server's tasks and the idempotency keys it received).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEvoLinkServer, faults } from '../../src/testing/index.js';
import { CAT_JPG } from '../support/media.js';

const AV = join(import.meta.dirname, '..', 'fixtures', 'media', 'av');
import { cliEnv, ensureBuilt, fakeServers, runCli, startCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);
const root = mkdtempSync(join(tmpdir(), 'evolink-wan-batch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });

let folders = 0;
/** A jobs file with `count` text-to-video jobs (`job-0`, `job-1`, …) in a fresh folder. */
function jobsFile(count: number, extra: (i: number) => Record<string, unknown> = () => ({})): { dir: string; jobs: string; out: string } {
  const dir = join(root, `run-${folders++}`);
  rmSync(dir, { recursive: true, force: true });
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ id: `job-${i}`, model: 'wan2.7-text-to-video', prompt: `prompt ${i}`, ...extra(i) }),
  );
  const jobs = join(`${dir}-jobs.jsonl`);
  writeFileSync(jobs, `${lines.join('\n')}\n`);
  return { dir, jobs, out: dir };
}

const FAST = ['--poll-interval', '0.02'];

/** The idempotency keys of the creates the fake received, and how many tasks it created. */
function billing(server: FakeEvoLinkServer) {
  const keys = server.requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/videos/generations')
    .map((r) => r.headers['idempotency-key']);
  const prompts = [...server.tasks.values()].map((t) => t.body.prompt);
  return { keys, tasks: server.tasks.size, uniquePrompts: new Set(prompts).size };
}

describe('evolink-wan batch', () => {
  it('runs every job, saves <id>.mp4, ends with a summary; a second run skips them all', async () => {
    const server = await fake();
    const { jobs, out } = jobsFile(3);
    const first = await runCli(['batch', jobs, '--out-dir', out, '--concurrency', '2', ...FAST], { env: cliEnv(server) });
    expect(first.code, first.stderr).toBe(0);
    for (let i = 0; i < 3; i++) expect(existsSync(join(out, `job-${i}.mp4`))).toBe(true);
    const summary = first.events.at(-1)!;
    expect(summary).toMatchObject({ event: 'summary', failed: [], skipped: [] });
    expect((summary.done as { id: string }[]).map((d) => d.id)).toEqual(['job-0', 'job-1', 'job-2']);
    expect(first.events.filter((e) => e.event === 'saved')).toHaveLength(3);
    const second = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(second.code).toBe(0);
    expect(second.events.at(-1)).toMatchObject({ done: [], failed: [] });
    expect((second.events.at(-1)!.skipped as unknown[]).length).toBe(3);
    expect(billing(server).tasks).toBe(3);
  });

  it('a failed job makes the exit code non-zero and is resubmitted (new key) on the next run; the rest are skipped', async () => {
    let failNext = true;
    const server = await fake({
      plan: (body) => {
        const fail = body.prompt === 'prompt 1' && failNext;
        if (fail) failNext = false;
        return fail ? { outcome: { status: 'failed', code: 'service_error' }, polls: 1 } : { outcome: { status: 'completed' }, polls: 1 };
      },
    });
    const { jobs, out } = jobsFile(3);
    const first = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(first.code).toBe(4);
    expect(first.events.at(-1)).toMatchObject({ failed: [{ id: 'job-1', exitCode: 4, reason: expect.stringContaining('service_error') }] });
    const second = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(second.code).toBe(0);
    const { keys } = billing(server);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    expect(keys.filter((k) => k?.endsWith('-job-1'))).toEqual([expect.stringMatching(/-1-job-1$/), expect.stringMatching(/-2-job-1$/)]);
  });

  it('resumes after the process is killed midway: finished jobs skipped, submitted ones waited on, nothing billed twice', async () => {
    const server = await fake();
    server.setPlan((_body, index) => {
      // The creates after the third hang, unprocessed: however late the kill lands on a loaded machine, the crashed
      // run has created exactly three tasks and has two creates in flight.
      if (index === 2) server.inject(faults.hang({ method: 'POST', times: 2 }));
      return { outcome: { status: 'completed' }, durationMs: index < 2 ? 300 : 1500 };
    });
    const { jobs, out } = jobsFile(5);
    const crashed = startCli(['batch', jobs, '--out-dir', out, '--concurrency', '3', ...FAST], { env: cliEnv(server) });
    // Kill it (no chance to clean up) once two jobs are saved and the third is submitted.
    await crashed.waitForEvent((e) => e.event === 'saved' && e.id === 'job-0');
    await crashed.waitForEvent((e) => e.event === 'saved' && e.id === 'job-1');
    await crashed.waitForEvent((e) => e.event === 'submitted' && e.id === 'job-2');
    crashed.child.kill('SIGKILL');
    await crashed.done;
    expect(billing(server).tasks).toBe(3);
    server.clearFaults(); // the second hang is left when the kill came before the fifth create was sent
    const resumed = await runCli(['batch', jobs, '--out-dir', out, '--concurrency', '3', ...FAST], { env: cliEnv(server) });
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = billing(server);
    expect(after.tasks).toBe(5); // one task per job, however often the batch ran
    expect(after.uniquePrompts).toBe(5);
    const summary = resumed.events.at(-1)!;
    expect((summary.skipped as { id: string }[]).map((s) => s.id)).toEqual(expect.arrayContaining(['job-0', 'job-1']));
    // Jobs submitted before the crash were waited on by id: the resumed run created no task for them.
    const resumedSubmits = resumed.events.filter((e) => e.event === 'submitted').map((e) => e.id);
    expect(resumedSubmits).not.toContain('job-2');
    for (let i = 0; i < 5; i++) expect(existsSync(join(out, `job-${i}.mp4`))).toBe(true);
  });

  it('replays the same idempotency key when a crash came between the create and the state file: no second task', async () => {
    const server = await fake();
    const { jobs, out } = jobsFile(2);
    expect((await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) })).code).toBe(0);
    // As if the process had died after sending job-1's create but before recording its task id.
    const statePath = join(out, 'evolink-wan-batch.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    state.jobs['job-1'] = { status: 'pending', attempt: 1 };
    writeFileSync(statePath, JSON.stringify(state));
    rmSync(join(out, 'job-1.mp4'));
    const again = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(again.code).toBe(0);
    const { keys, tasks } = billing(server);
    expect(tasks).toBe(2);
    expect(keys).toHaveLength(3);
    expect(keys[2]).toMatch(/-1-job-1$/);
    expect(keys.slice(0, 2)).toContain(keys[2]);
    expect(existsSync(join(out, 'job-1.mp4'))).toBe(true);
  });

  it('a job with a local file, reset after its create: reruns replay the same body and key, one task in all', async () => {
    const server = await fake();
    server.inject(faults.reset({ method: 'POST', when: 'after' }));
    const { jobs, out } = jobsFile(1, () => ({ model: 'wan2.7-image-to-video', image_start: './cat.jpg' }));
    copyFileSync(CAT_JPG, join(root, 'cat.jpg'));
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) }));
    expect(runs[0]!.code).toBe(3); // the connection reset after the task was created
    expect(runs[1]!.code, runs[1]!.stderr).toBe(0);
    expect(existsSync(join(out, 'job-0.mp4'))).toBe(true);
    const creates = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos/generations');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.body).toEqual(creates[0]!.body);
    expect(new Set(creates.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(server.fileRequests.filter((r) => r.path === '/api/v1/files/upload/stream')).toHaveLength(1);
    expect(billing(server).tasks).toBe(1);
    expect(runs[2]!.events.at(-1)).toMatchObject({ done: [], failed: [], skipped: [{ id: 'job-0' }] });
  });

  it("checks a job's local clips as the SDK does (lengths included) before uploading or creating anything", async () => {
    const server = await fake();
    const { jobs, out } = jobsFile(1, () => ({ model: 'wan2.7-video-edit', prompt: 'Make it snow', video_urls: ['./clip-11s.mp4'] }));
    copyFileSync(join(AV, 'clip-11s.mp4'), join(root, 'clip-11s.mp4'));
    const run = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/video_urls\[0\] \(.*clip-11s\.mp4\) is 11\.0 s long; wan2\.7-video-edit takes clips of 2–10 s/);
    expect(server.fileRequests).toHaveLength(0);
    expect(billing(server).tasks).toBe(0);
  });

  it('a 409 idempotency_conflict holds the job (never a new key): the next run sends nothing and says what to do', async () => {
    const server = await fake();
    const conflict = { error: { code: 'idempotency_conflict', message: 'Idempotency-Key reused with a different body' } };
    server.inject(faults.status(409, { method: 'POST', body: conflict }));
    const { jobs, out } = jobsFile(1);
    const first = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(first.code).toBe(3);
    const second = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(second.code).toBe(3);
    expect(second.events).toContainEqual(expect.objectContaining({ event: 'held', id: 'job-0' }));
    expect(second.stdout).toContain('set its \\"status\\" to \\"failed\\"');
    const { keys, tasks } = billing(server);
    expect(keys).toEqual([expect.stringMatching(/-1-job-0$/)]);
    expect(tasks).toBe(0);
  });

  it('a create that may have been sent is held when its recorded uploads expired; one never sent uploads again', async () => {
    const server = await fake();
    const { jobs, out } = jobsFile(2, () => ({ model: 'wan2.7-image-to-video', image_start: './cat.jpg' }));
    copyFileSync(CAT_JPG, join(root, 'cat.jpg'));
    mkdirSync(out, { recursive: true });
    const statePath = join(out, 'evolink-wan-batch.json');
    const gone = { './cat.jpg': { url: `${server.contentUrl}/gone.jpg`, expiresAt: new Date(Date.now() + 60_000).toISOString() } };
    writeFileSync(
      statePath,
      JSON.stringify({
        version: 1,
        batch: 'abc123',
        jobs: {
          'job-0': { status: 'pending', attempt: 1, uploads: gone, sent: true },
          'job-1': { status: 'pending', attempt: 1, uploads: gone, sent: false },
        },
      }),
    );
    const run = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(3);
    expect(run.events.at(-1)).toMatchObject({
      done: [{ id: 'job-1' }],
      failed: [{ id: 'job-0', reason: expect.stringContaining('expire') }],
    });
    const creates = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos/generations');
    expect(creates.map((r) => r.headers['idempotency-key'])).toEqual(['ewb-abc123-1-job-1']);
    expect((creates[0]!.body as { image_start: string }).image_start).not.toBe(gone['./cat.jpg'].url);
  });

  it('Ctrl-C stops the batch with exit 130 and the command that resumes it', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, polls: 10_000 }) });
    const { jobs, out } = jobsFile(2);
    const cli = startCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    await cli.waitForEvent((e) => e.event === 'progress');
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`run the same command again to resume:\n  evolink-wan batch ${jobs} --out-dir ${out}`);
  });

  // Issue 19 item 1: two runs on one folder made two batch ids, so two idempotency keys per job, so two bills.
  it.each([2, 3, 10])(
    '%i runs started at the same moment on one folder bill every prompt once',
    async (runs) => {
      const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 1500 }) });
      const { jobs, out } = jobsFile(4);
      const started = Array.from({ length: runs }, () => startCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) }));
      const results = await Promise.all(started.map((c) => c.done));
      const prompts = [...server.tasks.values()].map((t) => t.body.prompt);
      expect(prompts.sort()).toEqual(['prompt 0', 'prompt 1', 'prompt 2', 'prompt 3']);
      expect(results.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
      for (const refused of results.filter((r) => r.code !== 0)) {
        expect(refused.code, refused.stderr).toBe(2);
        expect(refused.stderr).toContain('Another evolink-wan batch is running on this folder');
      }
      expect(existsSync(join(out, 'evolink-wan-batch.lock'))).toBe(false); // released by the run that held it
    },
    120_000,
  );

  it('a lock left by a killed run is taken over; one held by a live process is refused with its pid', async () => {
    const server = await fake();
    const { jobs, out } = jobsFile(1);
    mkdirSync(out, { recursive: true });
    const lock = join(out, 'evolink-wan-batch.lock');
    const host = (await import('node:os')).hostname();
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host, since: new Date().toISOString() }));
    const refused = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`process ${process.pid} on ${host}`);
    expect(refused.stderr).toContain(`delete ${lock}`);
    expect(server.requests).toHaveLength(0);
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!; // a pid whose process has ended
    writeFileSync(lock, JSON.stringify({ pid: dead, host, since: new Date().toISOString() }));
    const resumed = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  // Issue 19 item 2: a "__proto__" job was never recorded (so re-created on every run); "constructor" read a function.
  it("job ids that are JavaScript's own names are recorded like any other: a rerun bills none of them again", async () => {
    const server = await fake();
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    const { jobs, out } = jobsFile(ids.length);
    writeFileSync(jobs, ids.map((id, i) => JSON.stringify({ id, model: 'wan2.7-text-to-video', prompt: `prompt ${i}` })).join('\n'));
    const first = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(first.code, first.stderr).toBe(0);
    const state = JSON.parse(readFileSync(join(out, 'evolink-wan-batch.json'), 'utf8'));
    expect(Object.keys(state.jobs).sort()).toEqual([...ids].sort());
    const second = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(second.code, second.stderr).toBe(0);
    expect((second.events.at(-1)!.skipped as { id: string }[]).map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(billing(server).tasks).toBe(ids.length);
  });

  // Issue 19 item 3: a task error that resubmitting cannot fix was submitted again, and billed, on every run.
  it.each([
    ['content_policy_violation', false],
    ['invalid_parameters', false],
    ['image_dimension_mismatch', false],
    ['service_error', true],
  ] as const)('a job whose task failed with %s is resubmitted by a rerun: %s (--retry-failed: always)', async (code, retryable) => {
    const server = await fake({
      plan: (body) =>
        body.prompt === 'prompt 1' ? { outcome: { status: 'failed', code }, polls: 1 } : { outcome: { status: 'completed' }, polls: 1 },
    });
    const { jobs, out } = jobsFile(2);
    expect((await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) })).code).toBe(4);
    const rerun = await runCli(['batch', jobs, '--out-dir', out, ...FAST], { env: cliEnv(server) });
    expect(rerun.code).toBe(4);
    const job1Keys = () => billing(server).keys.filter((k) => k?.endsWith('-job-1'));
    expect(job1Keys()).toHaveLength(retryable ? 2 : 1);
    if (!retryable) {
      expect(rerun.events).toContainEqual(expect.objectContaining({ event: 'left', id: 'job-1' }));
      expect(rerun.events.at(-1)).toMatchObject({
        failed: [{ id: 'job-1', exitCode: 4, reason: expect.stringContaining('--retry-failed') }],
      });
      expect(rerun.stdout).toContain(code);
    }
    const forced = await runCli(['batch', jobs, '--out-dir', out, '--retry-failed', ...FAST], { env: cliEnv(server) });
    expect(forced.code).toBe(4);
    expect(job1Keys()).toHaveLength(retryable ? 3 : 2);
    expect(new Set(job1Keys()).size).toBe(job1Keys().length); // each a new attempt, a new key
  });

  it('checks the whole jobs file first: every bad line is named, exit 2, nothing sent', async () => {
    const server = await fake();
    const dir = join(root, 'bad');
    const jobs = `${dir}.jsonl`;
    writeFileSync(
      jobs,
      [
        '{"id": "ok", "model": "wan2.7-text-to-video", "prompt": "fine"}',
        'not json',
        '{"id": "ok", "model": "wan2.7-text-to-video", "prompt": "duplicate id"}',
        '{"id": "../escape", "model": "wan2.7-text-to-video", "prompt": "x"}',
        '{"id": "long", "model": "wan2.7-text-to-video", "prompt": "x", "duration": 99}',
        '{"id": "nomodel", "prompt": "x"}',
      ].join('\n'),
    );
    const run = await runCli(['batch', jobs, '--out-dir', dir], { env: cliEnv(server) });
    expect(run.code).toBe(2);
    for (const line of [
      'line 2: not JSON',
      'line 3: id "ok" is used twice',
      'line 4: "id" must be',
      'line 5 (long): duration must be at most 15 seconds',
      'line 6: "model" must be one of',
    ]) {
      expect(run.stderr).toContain(line);
    }
    expect(server.requests).toHaveLength(0);
  });
});
