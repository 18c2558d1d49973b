// The quickstart: wan2.7 image-to-video, waiting with progress.
import { WanClient, TaskFailedError } from 'evolink-wan';

const client = new WanClient(); // EVOLINK_API_KEY from the environment
try {
  const video = await client
    .imageToVideo({
      model: 'wan2.7-image-to-video',
      generation_mode: 'first_frame',
      prompt: 'A cat playing piano',
      image_start: 'https://example.com/cat.jpg',
    })
    .waitForResult({ onProgress: (task) => console.log(task.status, task.progress) });
  console.log(video.url);
  console.log(`link valid until ${video.expiresAt.toISOString()}`);
} catch (error) {
  if (error instanceof TaskFailedError) console.error(`failed: ${error.code} (retryable: ${error.retryable})`);
  throw error;
} finally {
  await client.close();
}
