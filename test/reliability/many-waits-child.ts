// Child process for the "exits promptly" test: runs N waits against the server named in the environment, prints a
// JSON summary and returns WITHOUT closing the client. The process must then exit on its own, promptly.
import { EvoLinkError, WanClient } from '../../src/index.js';

const count = Number(process.env.WAITS ?? '200');
const client = new WanClient({ maxConnections: 8, retryBackoff: { initialDelay: 50, maxDelay: 200 } });
const results = await Promise.allSettled(
  Array.from({ length: count }, (_, i) =>
    client.imageToVideo({ prompt: `job ${i}`, image_start: 'https://example.com/a.jpg' }).waitForResult({ pollInterval: 100, timeout: 60_000 }),
  ),
);
const completed = results.filter((r) => r.status === 'fulfilled').length;
const typed = results.filter((r) => r.status === 'rejected' && r.reason instanceof EvoLinkError).length;
// One turn of the event loop lets transient setImmediate work (undici resuming its pool) finish first.
await new Promise((resolve) => setImmediate(resolve));
const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
console.log(JSON.stringify({ completed, typed, other: count - completed - typed, timers, doneAt: Date.now() }));
