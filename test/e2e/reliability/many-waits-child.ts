// Child process for the "exits promptly" test: runs N waits (on the default schedule unless POLL_MS is set) against
// the server named in the environment, prints a JSON summary and returns WITHOUT closing the client. The process must
// then exit on its own, promptly.
import { EvoLinkError, WanClient } from '../../../src/index.js';

const count = Number(process.env.WAITS ?? '200');
const pollInterval = process.env.POLL_MS === undefined ? undefined : Number(process.env.POLL_MS);
const client = new WanClient({
  maxConnections: Number(process.env.MAX_CONNECTIONS ?? '8'),
  retryBackoff: { initialDelay: 50, maxDelay: 400 },
});
const results = await Promise.allSettled(
  Array.from({ length: count }, (_, i) =>
    client.imageToVideo({ prompt: `job ${i}`, image_start: 'https://example.com/a.jpg' }).waitForResult({ pollInterval, timeout: 120_000 }),
  ),
);
const completed = results.filter((r) => r.status === 'fulfilled').length;
const typed = results.filter((r) => r.status === 'rejected' && r.reason instanceof EvoLinkError).length;
// One turn of the event loop lets transient setImmediate work (undici resuming its pool) finish first.
await new Promise((resolve) => setImmediate(resolve));
const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
console.log(JSON.stringify({ completed, typed, other: count - completed - typed, timers, doneAt: Date.now() }));
