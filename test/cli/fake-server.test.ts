// Issue 19, item 17: `evolink-wan fake-server` starts the fake gateway of evolink-wan/testing and prints the
// environment that points the CLI at it, so every command can be tried without a key; it runs until Ctrl-C.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAT_JPG } from '../support/media.js';
import { cliEnv, ensureBuilt, runCli, startCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const FAST = ['--poll-interval', '0.05'];

/** Starts `fake-server` with `args`; returns the process and the environment it printed. */
async function fakeServer(args: string[] = []) {
  const cli = startCli(['fake-server', '--task-seconds', '0.2', ...args], { env: cliEnv(undefined) });
  const listening = await cli.waitForEvent((e) => e.event === 'listening');
  return { cli, env: cliEnv(undefined, listening.env as Record<string, string>) };
}

describe('evolink-wan fake-server', () => {
  it('the README commands run against it with no key of ours: generate, upload, download, credits', async () => {
    const { cli, env } = await fakeServer();
    const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-try-'));
    copyFileSync(CAT_JPG, join(dir, 'cat.jpg'));
    try {
      expect(env.EVOLINK_API_KEY).toBeTruthy();
      expect(env.EVOLINK_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(env.EVOLINK_FILES_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      const i2v = await runCli(['i2v', '--image-start', './cat.jpg', '--prompt', 'A cat playing piano', '-o', 'cat.mp4', ...FAST], {
        env,
        cwd: dir,
      });
      expect(i2v.code, i2v.stderr).toBe(0);
      expect(existsSync(join(dir, 'cat.mp4'))).toBe(true);
      const noWait = await runCli(['t2v', '--prompt', 'A kitten', '--no-wait'], { env, cwd: dir });
      const taskId = noWait.events.at(-1)?.taskId as string;
      const download = await runCli(['download', taskId, '-o', 'kitten.mp4', ...FAST], { env, cwd: dir });
      expect(download.code, download.stderr).toBe(0);
      const upload = await runCli(['upload', 'cat.jpg'], { env, cwd: dir });
      expect(upload.events.at(-1)).toMatchObject({ event: 'uploaded', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/) });
      expect((await runCli(['credits'], { env })).code).toBe(0);
    } finally {
      cli.child.kill('SIGINT');
    }
    const stopped = await cli.done;
    // Stopping a server is how it ends: exit 0, and each request it answered was logged on stderr.
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/fake-server: POST \/v1\/videos\/generations/);
    expect(stopped.stderr).toContain('Fake gateway stopped.');
  }, 300_000);

  it('--provider novita: the novita fake and the lines that select it', async () => {
    const { cli, env } = await fakeServer(['--provider', 'novita']);
    try {
      expect(env).toMatchObject({ EVOLINK_PROVIDER: 'novita', NOVITA_API_KEY: expect.any(String), NOVITA_BASE_URL: expect.any(String) });
      const run = await runCli(['t2v', '--prompt', 'A kitten', ...FAST], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.events.at(-1)).toMatchObject({ event: 'completed' });
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect((await cli.done).code).toBe(0);
  }, 240_000);

  it('is listed in --help and has its own', async () => {
    const [help, own] = await Promise.all([
      runCli(['--help'], { env: cliEnv(undefined) }),
      runCli(['fake-server', '--help'], { env: cliEnv(undefined) }),
    ]);
    expect(help.stdout).toMatch(/fake-server +start a fake gateway/);
    expect(own.stdout).toMatch(/^Usage: evolink-wan fake-server/);
    expect(own.stdout).toContain('--task-seconds');
  }, 240_000);
});
