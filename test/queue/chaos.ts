// The chaos run shared by test/queue/chaos.test.ts (a short one) and scripts/queue-soak.ts (many seeds): worker
// processes on one queue, killed with SIGKILL at random moments and restarted, then the queue drained by a worker in
// this process. What it returns is what the callers check: every job completed once, one task per job, every file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WanClient } from '../../src/index.js';
import { createJobQueue, type JobRecord } from '../../src/queue/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { type ChildWorker, startChildWorker } from './child.js';

/** A small seeded PRNG (mulberry32): the same seed, the same kills. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChaosOptions {
  seed: number;
  databaseUrl: string;
  outDir: string;
  jobs: number;
  workers: number;
  /** How long workers are killed and restarted before the drain. */
  chaosMs: number;
  leaseSeconds: number;
}

export interface ChaosResult {
  kills: number;
  records: JobRecord[];
  /** Tasks the gateway created, per job id. */
  tasksPerJob: Map<string, number>;
  /** Job ids whose file is missing or differs from the gateway's video. */
  badFiles: string[];
  creates: number;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const rand = random(o.seed);
  const server = await FakeEvoLinkServer.start({
    plan: () => ({ outcome: { status: 'completed' }, durationMs: 500 + Math.floor(rand() * 1500) }),
  });
  const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
  const name = `chaos-${o.seed}-${process.pid}-${Date.now()}`;
  const queue = await createJobQueue({
    connectionString: o.databaseUrl,
    name,
    client,
    leaseSeconds: o.leaseSeconds,
    maintenanceSeconds: 1,
  });
  const ids = Array.from({ length: o.jobs }, (_, i) => `job-${i}`);
  await queue.add(ids.map((id) => ({ id, params: { model: 'wan2.6-text-to-video', prompt: `job:${id}` } })));
  const start = (): ChildWorker =>
    startChildWorker({ server, databaseUrl: o.databaseUrl, name, outDir: o.outDir, leaseSeconds: o.leaseSeconds, concurrency: 3 });
  const workers = Array.from({ length: o.workers }, start);
  let kills = 0;
  try {
    const until = Date.now() + o.chaosMs;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200 + rand() * 1200));
      const index = Math.floor(rand() * workers.length);
      await workers[index]!.kill();
      kills++;
      workers[index] = start();
    }
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
  }
  kills += workers.length;
  await queue.work({ outDir: o.outDir, exitWhenIdle: true, idlePollMs: 100, wait: { pollInterval: 100 } });
  const records = await queue.results();
  const tasksPerJob = new Map<string, number>();
  for (const task of server.tasks.values()) {
    const id = String(task.body.prompt).replace(/^job:/, '');
    tasksPerJob.set(id, (tasksPerJob.get(id) ?? 0) + 1);
  }
  const video = await fetch(`${server.contentUrl}/videos/${[...server.tasks.keys()][0]}.mp4`).then(
    async (r) => new Uint8Array(await r.arrayBuffer()),
  );
  const badFiles: string[] = [];
  for (const id of ids) {
    const bytes = await readFile(join(o.outDir, `${id}.mp4`)).catch(() => undefined);
    if (!bytes || !Buffer.from(video).equals(bytes)) badFiles.push(id);
  }
  const creates = server.postCount;
  await queue.close();
  await client.close();
  await server.close();
  return { kills, records, tasksPerJob, badFiles, creates };
}
