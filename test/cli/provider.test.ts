// Issue 19, item 16: the CLI reaches every provider the SDK has: `--provider novita` (or EVOLINK_PROVIDER=novita) with
// NOVITA_API_KEY / NOVITA_BASE_URL, on every command that calls an API, and a clear refusal otherwise.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeNovitaServer } from '../../src/testing/index.js';
import { cliEnv, ensureBuilt, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const servers: FakeNovitaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function novita(): Promise<{ server: FakeNovitaServer; env: NodeJS.ProcessEnv }> {
  const server = await FakeNovitaServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
  servers.push(server);
  // No EvoLink key at all: a novita run must need only novita's.
  return { server, env: cliEnv(undefined, { NOVITA_API_KEY: server.apiKey, NOVITA_BASE_URL: server.url }) };
}

const FAST = ['--poll-interval', '0.02'];

describe('--provider novita', () => {
  it('t2v, i2v, --no-wait then wait and get: each reaches novita and ends as on EvoLink', async () => {
    const { server, env } = await novita();
    const t2v = await runCli(['t2v', '--provider', 'novita', '--prompt', 'A cat playing piano', ...FAST], { env });
    expect(t2v.code).toBe(0);
    expect(t2v.events.at(-1)).toMatchObject({ event: 'completed', url: expect.stringMatching(/^https:\/\/.*\.mp4$/) });
    const i2v = await runCli(['i2v', '--provider', 'novita', '--prompt', 'x', '--image-start', 'https://example.com/cat.jpg', ...FAST], {
      env,
    });
    expect(i2v.code).toBe(0);
    const submitted = await runCli(['t2v', '--provider', 'novita', '--prompt', 'x', '--no-wait'], { env });
    const taskId = submitted.events.at(-1)?.taskId as string;
    expect(submitted.code).toBe(0);
    const waited = await runCli(['wait', taskId, '--provider', 'novita', ...FAST], { env });
    expect(waited.events.at(-1)).toMatchObject({ event: 'completed', taskId });
    const got = await runCli(['get', taskId, '--provider', 'novita'], { env });
    expect(JSON.parse(got.stdout)).toMatchObject({ id: taskId, status: 'completed' });
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/v3/async/wan2.7-t2v',
      '/v3/async/wan2.7-i2v',
      '/v3/async/wan2.7-t2v',
    ]);
  }, 300_000);

  it('EVOLINK_PROVIDER=novita does the same without the flag; the flag wins over it', async () => {
    const { server, env } = await novita();
    const run = await runCli(['t2v', '--prompt', 'x', ...FAST], { env: { ...env, EVOLINK_PROVIDER: 'novita' } });
    expect(run.code).toBe(0);
    expect(server.postCount).toBe(1);
    const evolink = await runCli(['t2v', '--provider', 'evolink', '--prompt', 'x'], { env: { ...env, EVOLINK_PROVIDER: 'novita' } });
    expect(evolink.code).toBe(2);
    expect(evolink.stderr).toContain('EVOLINK_API_KEY is not set');
    expect(server.postCount).toBe(1);
  }, 240_000);

  it('estimate takes it; batch, --idempotency-key and a model novita does not serve are refused, nothing sent', async () => {
    const { server, env } = await novita();
    const estimate = await runCli(['estimate', 't2v', '--provider', 'novita', '--prompt', 'x', '--duration', '5', '--json'], { env });
    expect(estimate.code).toBe(0);
    // The batch's promise (nothing billed twice on a re-run) rests on idempotency keys, which novita does not take.
    const batch = await runCli(['batch', 'jobs.jsonl', '--out-dir', 'out', '--provider', 'novita'], { env });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/idempotency keys, which this provider does not take/);
    const keyed = await runCli(['t2v', '--provider', 'novita', '--prompt', 'x', '--idempotency-key', 'my-key-0123456789'], { env });
    expect(keyed.code).toBe(2);
    expect(keyed.stderr).toMatch(/novita documents no idempotency key, so --idempotency-key cannot protect/);
    const other = await runCli(['t2v', '--provider', 'novita', '--model', 'wan2.6-text-to-video', '--prompt', 'x'], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/novita/);
    expect(server.postCount).toBe(0);
  }, 240_000);

  it('a missing NOVITA_API_KEY or a mistyped provider is exit 2, naming the variable or the flag', async () => {
    const { server } = await novita();
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['t2v', '--provider', 'novita', '--prompt', 'x'], cliEnv(undefined), /NOVITA_API_KEY is not set.*novita\.ai/],
      [['t2v', '--provider', 'novitta', '--prompt', 'x'], cliEnv(undefined), /--provider "novitta" is not supported; use "novita"/],
      [['mcp', '--provider', 'novita'], cliEnv(undefined), /NOVITA_API_KEY is not set/],
      [['wait', 'x', '--provider', 'nope'], cliEnv(undefined), /--provider "nope" is not supported/],
    ];
    const runs = await Promise.all(cases.map(([args, env]) => runCli(args, { env })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, cases[i]![0].join(' ')).toBe(2);
      expect(run.stderr, cases[i]![0].join(' ')).toMatch(cases[i]![2]);
    }
    expect(server.requests).toHaveLength(0);
  }, 240_000);

  it('--help of the commands that call an API lists --provider and the novita variables', async () => {
    const runs = await Promise.all(
      ['t2v', 'wait', 'get', 'batch', 'upload', 'estimate'].map((c) => runCli([c, '--help'], { env: cliEnv(undefined) })),
    );
    for (const run of runs) expect(run.stdout).toMatch(/--provider <name>/);
    expect(runs[0]!.stdout).toMatch(/NOVITA_API_KEY/);
  }, 240_000);
});
