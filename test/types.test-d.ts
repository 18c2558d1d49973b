import { describe, expectTypeOf, it } from 'vitest';
import {
  WanClient,
  type CompletedTask,
  type GenerateParams,
  type ImageToVideoParams,
  type SubmittedTask,
  type TaskPromise,
  type Wan26ReferenceVideoFlashParams,
  type Wan27ReferenceVideoParams,
} from '../src/index.js';

const client = new WanClient({ apiKey: 'k' });
const img = 'https://example.com/a.jpg';
const clip = 'https://example.com/a.mp4';

describe('method parameters narrow by model', () => {
  it('accepts valid parameters for each model', () => {
    client.textToVideo({ prompt: 'x' });
    client.textToVideo({ model: 'wan2.6-text-to-video', prompt: 'x', model_params: { shot_type: 'multi' }, audio_url: img });
    client.imageToVideo({ image_start: img });
    client.imageToVideo({ model: 'wan2.6-image-to-video', prompt: 'x', image_urls: [img] });
    client.imageToVideo({ model: 'wan2.6-image-to-video-flash', prompt: 'x', image_urls: [img], generate_audio: false });
    client.referenceToVideo({ prompt: 'x', image_urls: [img], model_params: { voice_bindings: { image1: img } } });
    client.referenceToVideo({ model: 'wan2.6-reference-video-flash', prompt: 'x', video_urls: [clip], generate_audio: true });
    client.editVideo({ video_urls: [clip], keep_original_sound: true });
    client.generate({ model: 'wan2.7-video-edit', video_urls: [clip] });
  });

  it('rejects a wan2.6 field on a wan2.7 model', () => {
    // @ts-expect-error image_urls belongs to wan2.6 image-to-video
    client.imageToVideo({ model: 'wan2.7-image-to-video', image_start: img, image_urls: [img] });
    // @ts-expect-error generate_audio belongs to the wan2.6 flash variants (model omitted → wan2.7)
    client.imageToVideo({ image_start: img, generate_audio: true });
    // @ts-expect-error model_params.shot_type is wan2.6 only
    client.textToVideo({ prompt: 'x', model_params: { shot_type: 'single' } });
    // @ts-expect-error seed is wan2.7 only
    client.referenceToVideo({ model: 'wan2.6-reference-video', prompt: 'x', video_urls: [clip], seed: 1 });
    // @ts-expect-error audio_url (singular) is wan2.6; wan2.7 takes audio_urls
    client.generate({ model: 'wan2.7-text-to-video', prompt: 'x', audio_url: img });
  });

  it('rejects wrong enum values', () => {
    // @ts-expect-error quality is 720p or 1080p
    client.textToVideo({ prompt: 'x', quality: '4k' });
    // @ts-expect-error unknown aspect ratio
    client.textToVideo({ prompt: 'x', aspect_ratio: '21:9' });
    // @ts-expect-error unknown generation_mode
    client.imageToVideo({ image_start: img, generation_mode: 'last_frame' });
    // @ts-expect-error unknown model
    client.generate({ model: 'wan2.6-text-to-video-flash', prompt: 'x' });
    // @ts-expect-error a text-to-video model on imageToVideo
    client.imageToVideo({ model: 'wan2.7-text-to-video', prompt: 'x' });
  });

  it('rejects missing required fields', () => {
    // @ts-expect-error prompt is required
    client.textToVideo({ duration: 5 });
    // @ts-expect-error image_urls is required for wan2.6 image-to-video
    client.imageToVideo({ model: 'wan2.6-image-to-video', prompt: 'x' });
    // @ts-expect-error video_urls is required for video edit
    client.editVideo({ prompt: 'x' });
    // @ts-expect-error generate() needs model
    client.generate({ prompt: 'x' });
  });

  it('rejects misspelt fields and wrong types', () => {
    // @ts-expect-error imageStart is not a field
    client.imageToVideo({ imageStart: img });
    // @ts-expect-error duration is a number
    client.textToVideo({ prompt: 'x', duration: '5' });
  });
});

describe('results', () => {
  it('types the handle, the created task and the result', () => {
    const handle = client.imageToVideo({ image_start: img });
    expectTypeOf(handle).toEqualTypeOf<TaskPromise>();
    expectTypeOf(handle).resolves.toEqualTypeOf<SubmittedTask>();
    expectTypeOf(handle.waitForResult()).resolves.toEqualTypeOf<CompletedTask>();
    expectTypeOf<CompletedTask['url']>().toEqualTypeOf<string>();
    expectTypeOf<CompletedTask['expiresAt']>().toEqualTypeOf<Date>();
    expectTypeOf(client.tasks.wait('task-unified-1')).resolves.toEqualTypeOf<CompletedTask>();
  });

  it('exports inferred parameter types per model', () => {
    expectTypeOf<Wan27ReferenceVideoParams['model']>().toEqualTypeOf<'wan2.7-reference-video'>();
    expectTypeOf<Wan26ReferenceVideoFlashParams['generate_audio']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Extract<GenerateParams, { model: 'wan2.6-image-to-video' }>['image_urls']>().toEqualTypeOf<string[]>();
    expectTypeOf<ImageToVideoParams>().not.toBeAny();
  });
});

describe('model registry types', () => {
  it('knows each model’s kind', async () => {
    const { modelsOfKind } = await import('../src/models/registry.js');
    expectTypeOf(modelsOfKind('text-to-video')).toEqualTypeOf<('wan2.7-text-to-video' | 'wan2.6-text-to-video')[]>();
    expectTypeOf(modelsOfKind('video-edit')).toEqualTypeOf<'wan2.7-video-edit'[]>();
  });
});
