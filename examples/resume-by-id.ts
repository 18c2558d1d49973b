// Submit in one place, store the task id, wait for it somewhere else (another process, after a restart).
import { WanClient } from 'evolink-wan';

const submitter = new WanClient();
const task = await submitter.imageToVideo({
  prompt: 'Camera gradually rises from eye level to a top-down view',
  image_start: 'https://example.com/first_frame.png',
  image_end: 'https://example.com/last_frame.png', // generation_mode first_last_frame is inferred and sent
});
console.log(`submitted ${task.id} (${task.status}); store this id with your job`);
await submitter.close();

// Later, anywhere: a fresh client resumes from the id alone.
const worker = new WanClient();
const video = await worker.tasks.wait(task.id, {
  timeout: 20 * 60_000,
  onProgress: (t) => console.log(`${t.id} ${t.status} ${t.progress ?? 0}%`),
});
console.log(`done: ${video.url}`);
await worker.close();
