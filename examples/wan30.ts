// wan3.0 on the three methods, chosen with `model` (the methods' defaults stay wan2.7): text, first/last frame, and
// mixed reference material; up to 30 s, or `duration: -1` to let the model pick the length.
import { SMART_DURATION, WanClient } from 'evolink-wan';

const client = new WanClient();

// Text to video: smart duration (credits are held for 30 s, then settled on the real length), 1080p, fixed ratio.
const ad = await client
  .textToVideo({
    model: 'wan3.0-text-to-video',
    prompt: 'A high-end smart glasses ad, minimalist and futuristic; the camera glides over the lens and settles on the logo.',
    duration: SMART_DURATION,
    quality: '1080p',
    aspect_ratio: '16:9',
  })
  .waitForResult({ onProgress: (t) => console.log(`wan3.0 t2v: ${t.status} ${t.progress ?? 0}%`) });
console.log(`wan3.0-text-to-video: ${ad.url}`);

// Image to video: strict first and last frames (no reference material here; that is reference-video's job).
const laugh = await client
  .imageToVideo({
    model: 'wan3.0-image-to-video',
    prompt: 'Her smile turns into a big laugh, the camera slowly pushes in, the light shifts from cool to warm.',
    image_start: 'https://example.com/first_frame.jpg',
    image_end: 'https://example.com/last_frame.jpg',
    duration: 5,
    quality: '480p', // cheapest: half the price of 720p
  })
  .waitForResult();
console.log(`wan3.0-image-to-video: ${laugh.url}`);

// Reference video: "Image N", "Video N", "Audio N" count each kind separately; a document or a web page can be material too.
const song = await client
  .referenceToVideo({
    model: 'wan3.0-reference-video',
    prompt: 'The character in Video 1 holds Image 1 and plays along to Audio 1 on the chair in Image 2.',
    image_urls: ['https://example.com/guitar.png', 'https://example.com/chair.png'],
    video_urls: ['https://example.com/ref_role.mp4'], // billed: reference seconds + output seconds ≤ 30
    audio_urls: ['https://example.com/beat.mp3'],
    duration: 10,
    aspect_ratio: 'adaptive',
  })
  .waitForResult();
console.log(`wan3.0-reference-video: ${song.url}`);

const promo = await client
  .generate({
    model: 'wan3.0-reference-video',
    prompt: 'Turn this deck into a product ad',
    model_params: { file_url: 'https://example.com/deck.pptx' },
  })
  .waitForResult();
console.log(`wan3.0-reference-video from a file: ${promo.url}`);
await client.close();
