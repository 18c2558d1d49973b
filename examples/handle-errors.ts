// Every failure is a typed error under EvoLinkError; each carries what you need to act.
import {
  APIConnectionError,
  EvoLinkError,
  InsufficientQuotaError,
  RateLimitError,
  TaskFailedError,
  TaskTimeoutError,
  ValidationError,
  WanClient,
} from 'evolink-wan';

const client = new WanClient();

// 1. Caught before anything is sent (no credits spent): image_end needs first_last_frame mode.
try {
  await client.imageToVideo({
    generation_mode: 'first_frame',
    image_start: 'https://example.com/a.jpg',
    image_end: 'https://example.com/b.jpg',
    duration: 20,
  });
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.log(error.message);
  for (const issue of error.issues) console.log(`  field ${issue.path.join('.')}: ${issue.code}`);
}

// 2. The shape of a production handler.
try {
  const video = await client
    .imageToVideo({ prompt: 'A paper boat on a rainy street', image_start: 'https://example.com/boat.jpg', duration: 5 })
    .waitForResult({ timeout: 10 * 60_000 });
  console.log(`video: ${video.url}`);
} catch (error) {
  if (error instanceof TaskFailedError) {
    console.log(`task ${error.taskId} failed with ${error.code}; ${error.retryable ? 'resubmit later' : 'change the request'}`);
  } else if (error instanceof TaskTimeoutError) {
    console.log(`still running; resume later with client.tasks.wait('${error.taskId}')`);
  } else if (error instanceof RateLimitError) {
    console.log(`rate limited; retry after ${error.retryAfter ?? 30} s`);
  } else if (error instanceof InsufficientQuotaError) {
    console.log('out of credits');
  } else if (error instanceof APIConnectionError && error.mayHaveReachedServer) {
    console.log(`outcome unknown: resubmit with idempotencyKey ${error.idempotencyKey} to avoid a duplicate task`);
  } else if (error instanceof EvoLinkError) {
    console.log(`${error.name}: ${error.message}`);
  } else throw error;
} finally {
  await client.close();
}
