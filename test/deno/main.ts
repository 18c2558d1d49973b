// Deno smoke test of the packed package: run with only --allow-net --allow-env.
import { TaskFailedError, ValidationError, WanClient } from 'evolink-wan';

const client = new WanClient(); // EVOLINK_API_KEY and EVOLINK_BASE_URL from the environment
const video = await client
  .imageToVideo({
    model: 'wan2.7-image-to-video',
    generation_mode: 'first_frame',
    prompt: 'A cat playing piano',
    image_start: 'https://example.com/cat.jpg',
  })
  .waitForResult({ pollInterval: 20, onProgress: (task) => console.log(task.status, task.progress) });
console.log('url', video.url);

try {
  await client.imageToVideo({
    generation_mode: 'first_frame',
    image_start: 'https://example.com/a.jpg',
    image_end: 'https://example.com/b.jpg',
  });
  throw new Error('expected a ValidationError');
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.log('validation ok');
}
// callback_url hosts are judged by ipaddr.js, required lazily on the first check: it must load under Deno too.
try {
  await client.textToVideo({ prompt: 'A cat', callback_url: 'https://127.0.0.1/hook' });
  throw new Error('expected a ValidationError for a loopback callback_url');
} catch (error) {
  if (!(error instanceof ValidationError) || !error.message.includes('loopback')) throw error;
  console.log('callback_url check ok');
}
console.log('TaskFailedError is a class:', typeof TaskFailedError === 'function');
await client.close();
console.log('deno smoke: ok');
