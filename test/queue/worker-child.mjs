// A queue worker in a process of its own, for the crash tests: it prints each event as a JSON line on stdout, and
// the test kills it with SIGKILL whenever it wants. Settings come from the environment. Plain JavaScript on the built
// package, so that a worker starts in a fraction of a second.
import { WanClient } from 'evolink-wan';
import { createJobQueue } from 'evolink-wan/queue';

/** @param {string} name */
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`worker-child needs ${name}`);
  return value;
};

const client = new WanClient({ apiKey: env('FAKE_API_KEY'), baseURL: env('FAKE_API_URL'), maxRetries: 0 });
const queue = await createJobQueue({
  connectionString: env('QUEUE_DATABASE_URL'),
  name: env('QUEUE_NAME'),
  client,
  leaseSeconds: Number(env('QUEUE_LEASE_SECONDS')),
  maintenanceSeconds: 1,
});
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
await queue.work({
  outDir: env('QUEUE_OUT_DIR'),
  concurrency: Number(process.env.QUEUE_CONCURRENCY ?? 4),
  signal: stop.signal,
  idlePollMs: 100,
  wait: { pollInterval: 100 },
  onEvent: (event) =>
    process.stdout.write(`${JSON.stringify(event.type === 'error' ? { type: 'error', error: String(event.error) } : event)}\n`),
});
await queue.close();
await client.close();
