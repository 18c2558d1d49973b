// Throughput of evolink-wan/queue: jobs per minute with 1, 2 and 4 workers (each its own queue handle and pool,
// concurrency 4) against the fake gateway with fixed 1-second tasks, and PostgreSQL round trips per job (queries
// sent through the workers' pools); then task reads (polls) per task for jobs of fixed 8-second tasks, waited on by
// polling (the default schedule) and by callback (the fake delivers each to a queue.callbackHandler() route, the
// worker polls only as a fallback). `npm run bench:queue [-- --json <file>]`; DATABASE_URL or an embedded PostgreSQL.
// bench/run.mjs (`npm run bench`) runs it and takes its figures from the JSON file.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { WanClient } from '../src/index.js';
import { createJobQueue } from '../src/queue/index.js';
import { FakeEvoLinkServer } from '../src/testing/index.js';
import { listenOnLoopback } from '../test/support/loopback.js';
import { freshDatabase, startPostgres } from '../test/support/postgres.js';

const JOBS = 32;
const POLL_JOBS = 16;
const POLL_TASK_MS = 8000;
const jsonIndex = process.argv.indexOf('--json');
const jsonFile = jsonIndex > 0 ? process.argv[jsonIndex + 1] : undefined;

const started = performance.now();
const postgres = await startPostgres();
const connectionString = await freshDatabase(postgres.url, 'bench');

/** A pool that counts the queries sent through it (pg-boss's included: it runs on the pool it is given). */
function countingPool(counter: { queries: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    counter.queries++;
    return query(...args);
  };
  return pool;
}

/** 1, 2 and 4 workers on 1-second tasks: jobs per minute and queries per job. */
async function throughput(): Promise<{ workers: number; jobsPerMinute: number; queriesPerJob: number; completed: number }[]> {
  const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 1000 }) });
  const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
  const rows = [];
  try {
    for (const workers of [1, 2, 4]) {
      const name = `bench-${workers}`;
      const adder = await createJobQueue({ connectionString, name });
      await adder.add(
        Array.from({ length: JOBS }, (_, i) => ({ id: `j${i}`, params: { model: 'wan2.6-text-to-video' as const, prompt: `job ${i}` } })),
      );
      const counter = { queries: 0 };
      const pools = Array.from({ length: workers }, () => countingPool(counter));
      const handles = await Promise.all(pools.map((pool) => createJobQueue({ pool, name, client })));
      const outDir = await mkdtemp(join(tmpdir(), 'evolink-wan-bench-'));
      counter.queries = 0;
      const t = performance.now();
      await Promise.all(
        handles.map((q) => q.work({ outDir, concurrency: 4, exitWhenIdle: true, idlePollMs: 200, wait: { pollInterval: 250 } })),
      );
      const seconds = (performance.now() - t) / 1000;
      const { completed } = await adder.status();
      const row = { workers, jobsPerMinute: (JOBS / seconds) * 60, queriesPerJob: counter.queries / JOBS, completed };
      rows.push(row);
      console.log(
        `${workers} worker(s) × concurrency 4: ${JOBS} jobs (${completed} completed) in ${seconds.toFixed(1)} s = ${row.jobsPerMinute.toFixed(0)} jobs/min; ${row.queriesPerJob.toFixed(1)} PostgreSQL queries per job (pool.query; heartbeats and idle polls included)`,
      );
      await Promise.all(handles.map((q) => q.close()));
      await Promise.all(pools.map((p) => p.end()));
      await adder.close();
      await rm(outDir, { recursive: true, force: true });
    }
  } finally {
    await client.close();
    await server.close();
  }
  return rows;
}

/** Task reads per task, waited on by polling or by callback (the route's verifying read counted). */
async function pollsPerTask(byCallback: boolean): Promise<{ byCallback: boolean; polls: number; seconds: number; completed: number }> {
  let route = '';
  const server = await FakeEvoLinkServer.start({
    plan: () => ({ outcome: { status: 'completed' }, durationMs: POLL_TASK_MS }),
    callbacks: { target: () => route },
  });
  const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
  const name = `polls-${byCallback ? 'callback' : 'polling'}`;
  const worker = await createJobQueue({ connectionString, name, client });
  // The application's callback route, on a queue handle of its own (as a web process would have).
  const app = await createJobQueue({ connectionString, name, client });
  const handler = app.callbackHandler();
  const listening = await listenOnLoopback(createServer(handler.node));
  route = `${listening.url}/evolink-callback`;
  const outDir = await mkdtemp(join(tmpdir(), 'evolink-wan-bench-'));
  try {
    const callback = byCallback ? { callback_url: 'https://app.example.com/evolink-callback' } : {};
    await worker.add(
      Array.from({ length: POLL_JOBS }, (_, i) => ({
        id: `p${i}`,
        params: { model: 'wan2.6-text-to-video' as const, prompt: `job ${i}`, ...callback },
      })),
    );
    const t = performance.now();
    await worker.work({ outDir, concurrency: POLL_JOBS, exitWhenIdle: true, idlePollMs: 200 });
    const seconds = (performance.now() - t) / 1000;
    await handler.idle();
    const reads = [...server.tasks.values()].map((task) => task.polls);
    const { completed } = await worker.status();
    const row = { byCallback, polls: reads.reduce((a, b) => a + b, 0) / reads.length, seconds, completed };
    console.log(
      `${POLL_JOBS} jobs of ${POLL_TASK_MS / 1000}-second tasks waited on by ${byCallback ? 'callback (the route verifies, the worker reads once; fallback poll 30 s)' : 'polling (the default schedule)'}: ${row.polls.toFixed(2)} task reads per task (min ${Math.min(...reads)}, max ${Math.max(...reads)}); ${completed} completed in ${seconds.toFixed(1)} s`,
    );
    return row;
  } finally {
    await rm(outDir, { recursive: true, force: true });
    await listening.close();
    await Promise.all([worker.close(), app.close()]);
    await client.close();
    await server.close();
  }
}

try {
  const rows = await throughput();
  const polling = await pollsPerTask(false);
  const callback = await pollsPerTask(true);
  console.log(
    `polls per task: ${polling.polls.toFixed(2)} by polling → ${callback.polls.toFixed(2)} with callbacks (×${(callback.polls / polling.polls).toFixed(2)})`,
  );
  console.log(`(queue bench: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  if (jsonFile) await writeFile(jsonFile, JSON.stringify({ throughput: rows, polls: { polling, callback } }));
} finally {
  await postgres.stop();
}
