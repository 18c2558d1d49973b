// The Vercel AI SDK (`ai` 7) with EvoLink's Wan models: generate in one call, or start and check later (durable flows).
import {
  experimental_generateVideo as generateVideo,
  experimental_getVideoStatus as getVideoStatus,
  experimental_startVideo as startVideo,
} from 'ai';
import { type EvoLinkVideoOptions, evolink } from 'evolink-wan/ai-sdk';

// The AI SDK polls doStatus; the SDK validates each call first, so an invalid one costs nothing.
const { video, warnings, providerMetadata } = await generateVideo({
  model: evolink.video('wan2.7-text-to-video'),
  prompt: 'A kitten running under the moonlight',
  duration: 5,
  aspectRatio: '16:9',
  resolution: '1280x720', // → quality: '720p'
  providerOptions: { evolink: { negative_prompt: 'blurry' } satisfies EvoLinkVideoOptions<'wan2.7-text-to-video'> },
  poll: { intervalMs: 1000 },
  // Downloads through the SDK (resumed, size-checked, never sending the key); the AI SDK's default download refuses
  // private hosts such as the local fake gateway this example runs against without a key.
  download: evolink.download,
});
console.log(
  `generateVideo: ${video.mediaType}, ${video.uint8Array.byteLength} bytes, task ${providerMetadata.evolink?.taskId}, warnings ${warnings.length}`,
);

// Start now, check from any process later: the operation is plain JSON to store with your job.
const started = await startVideo({ model: evolink.video('wan3.0-text-to-video'), prompt: 'A lighthouse in a storm', duration: 4 });
const operation = JSON.parse(JSON.stringify(started.operation));
for (;;) {
  const status = await getVideoStatus(evolink.video('wan3.0-text-to-video'), { operation });
  if (status.status === 'error') throw new Error(status.error);
  if (status.status === 'completed') {
    console.log(`startVideo + getVideoStatus: ${status.videos.length} video, expires ${status.providerMetadata?.evolink?.expiresAt}`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
await evolink.client.close();
