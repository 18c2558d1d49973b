// A worker of a durable job queue in PostgreSQL: run this on as many machines as you like, against the same database.
// Each job is created once however many workers die mid-job (keys derived from the queue name and job id, task ids
// stored before the wait). Needs `npm install pg-boss pg`, DATABASE_URL and EVOLINK_API_KEY.
import { WanClient } from 'evolink-wan';
import { createJobQueue } from 'evolink-wan/queue';

const client = new WanClient();
const queue = await createJobQueue({ connectionString: process.env.DATABASE_URL, client, name: 'videos' });

// Any process may add jobs; adding an id already in the queue adds nothing.
await queue.add([
  { id: 'cat', params: { model: 'wan2.7-text-to-video', prompt: 'A cat playing piano', duration: 5 }, tag: 'alice' },
  { id: 'city', params: { model: 'wan2.7-text-to-video', prompt: 'A neon city at night', duration: 5 }, tag: 'bob' },
]);

// SIGTERM (a deploy, a scale-down) stops gracefully: no new jobs, waits released for another worker.
const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
await queue.work({
  outDir: 'videos',
  concurrency: 4,
  signal: stop.signal,
  exitWhenIdle: true,
  onEvent: (event) => console.log(event.type, 'id' in event ? event.id : ''),
  onCompleted: (job) => console.log(`${job.id} (${job.tag}) saved to ${job.location}`), // notify your users here
});
const status = await queue.status();
console.log(`${status.completed} completed, ${status.failed} failed, ${status.held} held`);
for (const problem of status.problems) console.log(`  ${problem.id} ${problem.state}: ${problem.reason}`);
await queue.close();
await client.close();
