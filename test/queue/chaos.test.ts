import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/ensure-built.js';
import { runChaos } from './chaos.js';
import { databaseUrl, tempDir, cleanUp } from './support.js';

afterAll(cleanUp);

beforeAll(ensureBuilt, 120_000);

describe('chaos: worker processes killed with SIGKILL at random, restarted, then drained', () => {
  it('completes every job once, with one task per job and every file whole', async () => {
    const jobs = 12;
    const result = await runChaos({
      seed: 1,
      databaseUrl: await databaseUrl(),
      outDir: await tempDir(),
      jobs,
      workers: 3,
      chaosMs: 6000,
      leaseSeconds: 2,
    });
    expect(result.kills).toBeGreaterThan(3);
    expect(result.records.map((r) => r.state)).toEqual(Array(jobs).fill('completed'));
    expect([...result.tasksPerJob.values()]).toEqual(Array(jobs).fill(1));
    expect(result.tasksPerJob.size).toBe(jobs);
    expect(result.badFiles).toEqual([]);
  }, 120_000);
});
