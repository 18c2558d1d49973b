// Throughput of evolink-wan/queue: jobs per minute with 1, 2 and 4 workers (each its own queue handle and pool,
// concurrency 4) against the fake gateway with fixed 1-second tasks, and PostgreSQL round trips per job (queries
// sent through the workers' pools). `npm run bench:queue`; DATABASE_URL or an embedded PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { WanClient } from '../src/index.js';
import { createJobQueue } from '../src/queue/index.js';
import { FakeEvoLinkServer } from '../src/testing/index.js';
import { freshDatabase, startPostgres } from '../test/support/postgres.js';

const JOBS = 32;
const postgres = await startPostgres();
const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 1000 }) });
const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
try {
  const connectionString = await freshDatabase(postgres.url, 'bench');
  for (const workers of [1, 2, 4]) {
    const name = `bench-${workers}`;
    const adder = await createJobQueue({ connectionString, name });
    await adder.add(
      Array.from({ length: JOBS }, (_, i) => ({ id: `j${i}`, params: { model: 'wan2.6-text-to-video' as const, prompt: `job ${i}` } })),
    );
    const pools = Array.from({ length: workers }, () => new pg.Pool({ connectionString, max: 10 }));
    let queries = 0;
    for (const pool of pools) {
      const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
      (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
        queries++;
        return query(...args);
      };
    }
    const handles = await Promise.all(pools.map((pool) => createJobQueue({ pool, name, client })));
    const outDir = await mkdtemp(join(tmpdir(), 'evolink-wan-bench-'));
    queries = 0;
    const started = performance.now();
    await Promise.all(
      handles.map((q) => q.work({ outDir, concurrency: 4, exitWhenIdle: true, idlePollMs: 200, wait: { pollInterval: 250 } })),
    );
    const seconds = (performance.now() - started) / 1000;
    const status = await adder.status();
    console.log(
      `${workers} worker(s) × concurrency 4: ${JOBS} jobs (${status.completed} completed) in ${seconds.toFixed(1)} s = ${((JOBS / seconds) * 60).toFixed(0)} jobs/min; ${(queries / JOBS).toFixed(1)} PostgreSQL queries per job (pool.query; heartbeats and idle polls included)`,
    );
    await Promise.all(handles.map((q) => q.close()));
    await Promise.all(pools.map((p) => p.end()));
    await adder.close();
    await rm(outDir, { recursive: true, force: true });
  }
} finally {
  await client.close();
  await server.close();
  await postgres.stop();
}
