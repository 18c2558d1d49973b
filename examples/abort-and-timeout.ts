// Waits are abortable at once, and bounded by a deadline; the task keeps running on the server either way.
import { APIUserAbortError, WanClient } from 'evolink-wan';

const client = new WanClient();
const handle = client.imageToVideo({ prompt: 'A lighthouse at dusk', image_start: 'https://example.com/lighthouse.jpg' });
const { id } = await handle; // created

const controller = new AbortController();
setTimeout(() => controller.abort(new Error('user pressed cancel')), 500);
try {
  await handle.waitForResult({ signal: controller.signal });
} catch (error) {
  if (!(error instanceof APIUserAbortError)) throw error;
  console.log(`stopped waiting: ${String((error.cause as Error).message)}`);
}

// The task kept running: resume by id (handle.waitForResult() again would do too; it never submits twice).
const video = await client.tasks.wait(id, { timeout: 15 * 60_000 });
console.log(`finished anyway: ${video.url}`);
await client.close();
