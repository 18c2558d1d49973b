// The baseline: what people write by hand with fetch. POST, then poll at a fixed interval until a terminal status;
// no retries, no backoff, no validation.
import { runJobs } from './measure.mjs';

const base = process.env.EVOLINK_BASE_URL;
const headers = { authorization: `Bearer ${process.env.EVOLINK_API_KEY}`, 'content-type': 'application/json' };
const pollMs = Number(process.env.POLL_MS);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function job(i) {
  const body = JSON.stringify({
    model: 'wan2.7-image-to-video',
    generation_mode: 'first_frame',
    prompt: `job ${i}`,
    image_start: 'https://example.com/a.jpg',
  });
  const created = await fetch(`${base}/v1/videos/generations`, { method: 'POST', headers, body });
  if (!created.ok) throw new Error(`create ${created.status}`);
  const { id } = await created.json();
  for (;;) {
    await sleep(pollMs);
    const res = await fetch(`${base}/v1/tasks/${id}`, { headers });
    if (!res.ok) throw new Error(`poll ${res.status}`);
    const task = await res.json();
    if (task.status === 'completed') return task.results[0];
    if (task.status === 'failed' || task.status === 'cancelled') throw new Error(task.status);
  }
}

await runJobs('naive fetch', Number(process.env.TASKS), job);
