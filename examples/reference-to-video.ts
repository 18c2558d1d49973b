// referenceToVideo(): characters from reference images or clips, with per-character voices.
import { WanClient } from 'evolink-wan';

const client = new WanClient();

// wan2.7: refer to references as "Image 1", "Video 1"; bind a voice to a character with voice_bindings.
const scene = await client
  .referenceToVideo({
    prompt: 'Image 1 holds Image 2 and plays a soft country folk song on the chair in Image 3, saying: "What lovely sunshine today"',
    image_urls: ['https://example.com/girl.jpg', 'https://example.com/guitar.png', 'https://example.com/chair.png'],
    model_params: { voice_bindings: { image1: 'https://example.com/girl_voice.mp3' } },
    duration: 10,
  })
  .waitForResult({ onProgress: (t) => console.log(`wan2.7 r2v: ${t.status} ${t.progress ?? 0}%`) });
console.log(`wan2.7-reference-video: ${scene.url}`);

// wan2.6 flash: 1–3 reference clips, optionally silent (cheaper).
const dance = await client
  .referenceToVideo({
    model: 'wan2.6-reference-video-flash',
    prompt: 'character1 dancing on a rooftop at sunset',
    video_urls: ['https://example.com/dancer.mp4'],
    generate_audio: false,
  })
  .waitForResult();
console.log(`wan2.6-reference-video-flash: ${dance.url}`);
await client.close();
