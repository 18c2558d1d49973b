// editVideo(): wan2.7-video-edit, instruction editing with optional reference images.
import { WanClient } from 'evolink-wan';

const client = new WanClient();
const edited = await client
  .editVideo({
    prompt: 'Replace the girl’s clothes in the video with the clothes from the reference image',
    video_urls: ['https://example.com/source.mp4'],
    image_urls: ['https://example.com/clothes.png'],
    keep_original_sound: true,
    duration: 0, // keep the input's length
  })
  .waitForResult({ onProgress: (t) => console.log(`edit: ${t.status} ${t.progress ?? 0}%`) });
console.log(`wan2.7-video-edit: ${edited.url}`);
await client.close();
