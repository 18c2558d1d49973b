// The same typed calls against novita.ai: `provider: 'novita'` reads NOVITA_API_KEY (and NOVITA_BASE_URL). Same
// parameter names as on EvoLink; the SDK maps them to novita's flat bodies and maps its task results back.
import { TaskFailedError, ValidationError, WanClient } from 'evolink-wan';

const client = new WanClient({ provider: 'novita' }); // key from NOVITA_API_KEY, base URL https://api.novita.ai
try {
  // Three independent jobs, submitted together and waited on side by side: novita's create answer carries no time
  // estimate, so each wait takes a few seconds before its first poll, and waiting in turn would add them up.
  const [video, clip, duet] = await Promise.all([
    // POST /v3/async/wan2.7-i2v with { image_url, resolution: '720P', duration: 5, … }
    client
      .imageToVideo({ prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg', duration: 5 })
      .waitForResult({ onProgress: (task) => console.log(`novita i2v: ${task.status} ${task.progress ?? 0}%`) }),
    // quality + aspect_ratio become novita's size "1088*832"; seed 0 and watermark are accepted on novita only.
    client
      .textToVideo({ prompt: 'A kitten running under the moonlight', quality: '720p', aspect_ratio: '4:3', seed: 0, watermark: true })
      .waitForResult(),
    // Reference images and clips become media[] items, voices their reference_voice.
    client
      .referenceToVideo({
        prompt: 'character1 sings to character2 on a rooftop at dusk',
        image_urls: ['https://example.com/girl.png'],
        video_urls: ['https://example.com/dancer.mp4'],
        model_params: { voice_bindings: { image1: 'https://example.com/voice_a.mp3' } },
        duration: 8,
      })
      .waitForResult(),
  ]);
  console.log(`novita wan2.7-i2v: ${video.url} (link valid until ${video.expiresAt.toISOString()})`);
  console.log(`novita wan2.7-t2v: ${clip.url}`);
  console.log(`novita wan2.7-r2v: ${duet.url}`);

  // What novita cannot express is refused before anything is sent, naming the provider.
  try {
    await client.editVideo({ video_urls: ['https://example.com/clip.mp4'], callback_url: 'https://example.com/hook' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.log(`refused before sending: ${error.issues[0]?.message}`);
  }
} catch (error) {
  if (error instanceof TaskFailedError) console.error(`failed: ${error.serverMessage ?? 'no reason given'}`);
  throw error;
} finally {
  await client.close();
}
