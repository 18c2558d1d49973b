// The SDK: create and wait, default retries, shared rate-limit pause.
import { WanClient } from '../dist/index.js';
import { runJobs } from './measure.mjs';

const client = new WanClient();
const pollInterval = Number(process.env.POLL_MS);
await runJobs('evolink-wan', Number(process.env.TASKS), (i) =>
  client.imageToVideo({ prompt: `job ${i}`, image_start: 'https://example.com/a.jpg' }).waitForResult({ pollInterval, timeout: 120_000 }),
);
await client.close();
