// generate(): any of the twelve models, chosen by `model`; here the wan2.6 image-to-video models and a JSON Schema.
import { modelJsonSchema, WanClient, type GenerateParams } from 'evolink-wan';

const client = new WanClient();

const jobs: GenerateParams[] = [
  { model: 'wan2.6-image-to-video', prompt: 'The cat starts to play', image_urls: ['https://example.com/cat.png'], duration: 5 },
  {
    model: 'wan2.6-image-to-video-flash',
    prompt: 'The cat starts to play',
    image_urls: ['https://example.com/cat.png'],
    generate_audio: false,
  },
];
// Submit both, then wait for both: each handle sends exactly one POST.
const handles = jobs.map((params) => client.generate(params));
const videos = await Promise.all(handles.map((h) => h.waitForResult()));
for (const [i, video] of videos.entries()) console.log(`${jobs[i]!.model}: ${video.url}`);

// The same rules as JSON Schema, e.g. for a form or an LLM tool definition.
const schema = modelJsonSchema('wan2.6-image-to-video-flash');
console.log(`JSON Schema fields of wan2.6-image-to-video-flash: ${Object.keys(schema.properties as object).join(', ')}`);
await client.close();
