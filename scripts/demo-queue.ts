// `npm run demo:queue`: the job queue end to end on this machine, in a few seconds — an embedded PostgreSQL (or
// DATABASE_URL), the fake EvoLink gateway, six jobs added twice (the second add adds nothing), two workers sharing
// them, and the status at the end. Nothing leaves loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WanClient } from '../src/index.js';
import { createJobQueue } from '../src/queue/index.js';
import { FakeEvoLinkServer } from '../src/testing/index.js';
import { freshDatabase, startPostgres } from '../test/support/postgres.js';

const started = performance.now();
const postgres = await startPostgres();
const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 1500 }) });
const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
const outDir = await mkdtemp(join(tmpdir(), 'evolink-wan-demo-queue-'));
try {
  const connectionString = await freshDatabase(postgres.url, 'demo');
  console.log(`PostgreSQL ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const jobs = ['cat', 'dog', 'city', 'sea', 'forest', 'moon'].map((id) => ({
    id,
    params: { model: 'wan2.7-text-to-video' as const, prompt: `A ${id} at dusk`, duration: 5 as const },
  }));
  const workers = await Promise.all(['worker-1', 'worker-2'].map(() => createJobQueue({ connectionString, client, name: 'demo' })));
  console.log('add:', await workers[0]!.add(jobs));
  console.log('add again:', await workers[1]!.add(jobs));
  await Promise.all(
    workers.map((queue, i) =>
      queue.work({
        outDir,
        concurrency: 2,
        exitWhenIdle: true,
        idlePollMs: 200,
        onEvent: (e) => (e.type === 'submitted' || e.type === 'completed') && console.log(`worker-${i + 1} ${e.type} ${e.id}`),
      }),
    ),
  );
  const status = await workers[0]!.status();
  console.log(
    `status: ${status.completed} completed, ${status.failed} failed, ${status.held} held; ${server.postCount} creates for ${jobs.length} jobs`,
  );
  await Promise.all(workers.map((q) => q.close()));
} finally {
  await client.close();
  await server.close();
  await postgres.stop();
  await rm(outDir, { recursive: true, force: true });
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
