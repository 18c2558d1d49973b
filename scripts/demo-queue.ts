// `npm run demo:queue`: the job queue end to end on this machine, in a few seconds — an embedded PostgreSQL (or
// DATABASE_URL), the fake EvoLink gateway, six jobs added twice (the second add adds nothing), two workers sharing
// them, EvoLink's callbacks taken by the app's route (queue.callbackHandler(): the workers do not poll), each completed
// job posted to the app's webhook (webhookNotifier), and the status at the end. Nothing leaves loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WanClient } from '../src/index.js';
import { createJobQueue, webhookNotifier } from '../src/queue/index.js';
import { FakeEvoLinkServer } from '../src/testing/index.js';
import { listenOnLoopback } from '../test/support/loopback.js';
import { freshDatabase, startPostgres } from '../test/support/postgres.js';

const started = performance.now();
const postgres = await startPostgres();
let callbackRoute = '';
const server = await FakeEvoLinkServer.start({
  plan: () => ({ outcome: { status: 'completed' }, durationMs: 1500 }),
  callbacks: { target: () => callbackRoute },
});
const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
const outDir = await mkdtemp(join(tmpdir(), 'evolink-wan-demo-queue-'));
// The app's webhook: told of each completed job and where its file went.
const webhook = await listenOnLoopback(
  createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const { job } = JSON.parse(body) as { job: { id: string; location: string } };
      console.log(`app notified: ${job.id} → ${job.location}`);
      res.writeHead(204).end();
    });
  }),
);
try {
  const connectionString = await freshDatabase(postgres.url, 'demo');
  console.log(`PostgreSQL ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const jobs = ['cat', 'dog', 'city', 'sea', 'forest', 'moon'].map((id) => ({
    id,
    params: {
      model: 'wan2.7-text-to-video' as const,
      prompt: `A ${id} at dusk`,
      duration: 5 as const,
      callback_url: 'https://videos.example.com/evolink-callback',
    },
  }));
  const app = await createJobQueue({ connectionString, client, name: 'demo' });
  // The app's callback route (public at the callback_url): verified, recorded in PostgreSQL, the waiting worker woken.
  const route = await listenOnLoopback(createServer(app.callbackHandler().node));
  callbackRoute = `${route.url}/evolink-callback`;
  const workers = await Promise.all(['worker-1', 'worker-2'].map(() => createJobQueue({ connectionString, client, name: 'demo' })));
  console.log('add:', await app.add(jobs));
  console.log('add again:', await workers[1]!.add(jobs));
  const onCompleted = webhookNotifier({ url: `${webhook.url}/hooks/videos`, secret: 'demo-secret' });
  await Promise.all(
    workers.map((queue, i) =>
      queue.work({
        outDir,
        concurrency: 2,
        exitWhenIdle: true,
        idlePollMs: 200,
        onCompleted,
        onEvent: (e) => (e.type === 'submitted' || e.type === 'completed') && console.log(`worker-${i + 1} ${e.type} ${e.id}`),
      }),
    ),
  );
  const status = await app.status();
  const reads = [...server.tasks.values()].map((t) => t.polls);
  console.log(
    `status: ${status.completed} completed, ${status.failed} failed, ${status.held} held; ${server.postCount} creates for ${jobs.length} jobs; ${reads.reduce((a, b) => a + b, 0) / reads.length} task reads per task (the route's check and the worker's one read: no polling)`,
  );
  await route.close();
  await Promise.all([app, ...workers].map((q) => q.close()));
} finally {
  await webhook.close();
  await client.close();
  await server.close();
  await postgres.stop();
  await rm(outDir, { recursive: true, force: true });
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
