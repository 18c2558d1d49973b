// textToVideo(): wan2.7-text-to-video (default) and wan2.6-text-to-video.
import { WanClient } from 'evolink-wan';

const client = new WanClient();

// wan2.7: multi-shot by prompt wording, optional driving audio, seed for reproducibility.
const story = await client
  .textToVideo({
    prompt:
      'A tense detective chase story. Shot 1 [0-3s] wide angle: rainy night street, neon lights flickering. ' +
      'Shot 2 [3-6s] medium: detective enters an old building. Shot 3 [6-9s] close-up: determined eyes.',
    negative_prompt: 'blurry, low quality',
    aspect_ratio: '16:9',
    quality: '720p',
    duration: 9,
    seed: 42,
  })
  .waitForResult({ onProgress: (t) => console.log(`wan2.7 t2v: ${t.status} ${t.progress ?? 0}%`) });
console.log(`wan2.7-text-to-video: ${story.url}`);

// wan2.6: shot_type controls single or multi shot (only with prompt_extend, which is on by default).
const clip = await client
  .textToVideo({ model: 'wan2.6-text-to-video', prompt: 'A cat playing piano', model_params: { shot_type: 'single' }, duration: 5 })
  .waitForResult();
console.log(`wan2.6-text-to-video: ${clip.url}`);
await client.close();
