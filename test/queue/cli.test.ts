import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, ensureBuilt, runCli, startCli } from '../cli/run-cli.js';
import { setup } from '../support/fake.js';
import { CAT_JPG } from '../support/media.js';
import { databaseUrl, tempDir, cleanUp } from './support.js';

afterAll(cleanUp);

beforeAll(ensureBuilt, 120_000);

/** Each test starts the bin several times; on a loaded machine (CI's two cores) one start takes seconds. */
const CLI_TIMEOUT = 60_000;

let counter = 0;
async function jobsFile(): Promise<{ file: string; dir: string }> {
  const dir = await tempDir();
  await copyFile(CAT_JPG, join(dir, 'cat.jpg'));
  const lines = [
    { id: 'moon', model: 'wan2.6-text-to-video', prompt: 'job:moon' },
    { id: 'cat', model: 'wan2.7-image-to-video', prompt: 'job:cat', image_start: './cat.jpg' },
  ];
  const file = join(dir, 'jobs.jsonl');
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return { file, dir };
}

describe('evolink-wan queue add | work | status', { timeout: CLI_TIMEOUT }, () => {
  it('adds a jobs file once (uploading local files at add), works it off, and reports counts', async () => {
    const { server } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const env = cliEnv(server, { EVOLINK_QUEUE_URL: await databaseUrl(), EVOLINK_POLL_INTERVAL: '0.05' });
    const name = `cli-${process.pid}-${++counter}`;
    const { file } = await jobsFile();

    const added = await runCli(['queue', 'add', file, '--name', name, '--json'], { env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.events).toEqual([
      { event: 'added', id: 'moon' },
      { event: 'added', id: 'cat' },
    ]);
    expect(server.fileRequests).toHaveLength(1);
    const again = await runCli(['queue', 'add', file, '--name', name, '--json'], { env });
    expect(again.events.map((e) => e.event)).toEqual(['existing', 'existing']);
    expect(server.fileRequests).toHaveLength(1);

    const out = await tempDir();
    const worked = await runCli(['queue', 'work', '--out-dir', out, '--name', name, '--exit-when-idle', '--json'], { env });
    expect(worked.code, worked.stderr).toBe(0);
    expect(
      worked.events
        .filter((e) => e.event === 'completed')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['cat', 'moon']);
    const catCreate = server.requests.find((r) => r.method === 'POST' && (r.body as { prompt: string }).prompt === 'job:cat');
    expect((catCreate!.body as { image_start: string }).image_start).toMatch(/^https?:\/\//);
    expect((await readFile(join(out, 'moon.mp4'))).length).toBeGreaterThan(0);

    const status = await runCli(['queue', 'status', '--name', name, '--json'], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ queue: name, queued: 0, active: 0, completed: 2, failed: 0, held: 0, problems: [] });
  });

  it('work stops on SIGTERM with exit 0, releasing its jobs', async () => {
    const { server } = await setup({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 60_000 }) });
    const env = cliEnv(server, { EVOLINK_QUEUE_URL: await databaseUrl(), EVOLINK_POLL_INTERVAL: '0.05' });
    const name = `cli-${process.pid}-${++counter}`;
    const { file } = await jobsFile();
    expect((await runCli(['queue', 'add', file, '--name', name, '--json'], { env })).code).toBe(0);
    const worker = startCli(['queue', 'work', '--out-dir', await tempDir(), '--name', name, '--json'], { env });
    await worker.waitForEvent((e) => e.event === 'submitted' && e.id === 'cat');
    await worker.waitForEvent((e) => e.event === 'submitted' && e.id === 'moon');
    worker.child.kill('SIGTERM');
    const run = await worker.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.filter((e) => e.event === 'released')).toHaveLength(2);
    const status = await runCli(['queue', 'status', '--name', name, '--json'], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ queued: 0, active: 2, completed: 0 });
  });

  it('work --callback-port takes the callbacks of jobs added with --callback-url: no polling', async () => {
    let route = '';
    const { server } = await setup({
      plan: () => ({ outcome: { status: 'completed' }, durationMs: 1500 }),
      callbacks: { target: () => route, retryDelaysMs: [500, 1000] },
    });
    const env = cliEnv(server, { EVOLINK_QUEUE_URL: await databaseUrl() });
    const name = `cli-${process.pid}-${++counter}`;
    const dir = await tempDir();
    const file = join(dir, 'jobs.jsonl');
    await writeFile(file, ['a', 'b'].map((id) => JSON.stringify({ id, model: 'wan2.6-text-to-video', prompt: `job:${id}` })).join('\n'));
    const callbackUrl = 'https://videos.example.com/evolink-callback';
    expect((await runCli(['queue', 'add', file, '--name', name, '--callback-url', callbackUrl, '--json'], { env })).code).toBe(0);

    const out = await tempDir();
    const worker = startCli(['queue', 'work', '--out-dir', out, '--name', name, '--callback-port', '0', '--exit-when-idle', '--json'], {
      env,
    });
    const listening = await worker.waitForEvent((e) => e.event === 'callbacks');
    route = `http://127.0.0.1:${listening.port as number}/evolink-callback`;
    const run = await worker.done;
    expect(run.code, run.stderr).toBe(0);
    expect(
      run.events
        .filter((e) => e.event === 'completed')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { callback_url: string }).callback_url)).toEqual([
      callbackUrl,
      callbackUrl,
    ]);
    // The route's verifying read and the worker's one read once woken: the 30-second fallback poll never came.
    expect([...server.tasks.values()].map((t) => t.polls)).toEqual([2, 2]);
  });

  it('limits sets, prints and clears the queue-wide limits per model, refusing a limit below 1', async () => {
    const env = cliEnv(undefined, { EVOLINK_QUEUE_URL: await databaseUrl() });
    const name = `cli-${process.pid}-${++counter}`;
    const set = await runCli(
      ['queue', 'limits', '--name', name, '--set', 'wan2.7-text-to-video=10', '--set', 'wan2.6-text-to-video=2', '--json'],
      { env },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ queue: name, limits: { 'wan2.7-text-to-video': 10, 'wan2.6-text-to-video': 2 } });
    const shown = await runCli(['queue', 'limits', '--name', name, '--json'], { env });
    expect(JSON.parse(shown.stdout).limits).toEqual({ 'wan2.7-text-to-video': 10, 'wan2.6-text-to-video': 2 });
    const refused = await runCli(['queue', 'limits', '--name', name, '--set', 'wan2.7-text-to-video=0'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--set takes <model>=<n> with n ≥ 1');
    const cleared = await runCli(['queue', 'limits', '--name', name, '--clear', '--json'], { env });
    expect(JSON.parse(cleared.stdout)).toEqual({ queue: name, limits: {} });
  });

  it('says where the queue is missing', async () => {
    const run = await runCli(['queue', 'status'], { env: cliEnv(undefined) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--queue <postgres-url> or set EVOLINK_QUEUE_URL');
  });
});
