import { describe, expectTypeOf, it } from 'vitest';
import {
  WanClient,
  type CompletedTask,
  type GenerateParams,
  type ImageToVideoParams,
  type MediaInput,
  type SubmittedTask,
  type TaskPromise,
  type Wan26ReferenceVideoFlashParams,
  type Wan27ReferenceVideoParams,
  type Wan30ReferenceVideoParams,
  type Wan30TextToVideoParams,
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
    client.textToVideo({
      model: 'wan3.0-text-to-video',
      prompt: 'x',
      duration: -1,
      quality: '480p',
      aspect_ratio: 'adaptive',
      generate_audio: false,
      seed: 0,
    });
    client.imageToVideo({ model: 'wan3.0-image-to-video', image_start: img, image_end: img, aspect_ratio: '9:16' });
    client.referenceToVideo({ model: 'wan3.0-reference-video', audio_urls: [clip], model_params: { file_url: img } });
    client.generate({ model: 'wan3.0-reference-video', prompt: 'x', model_params: { link_url: img } });
  });

  it('rejects a wan3.0 field on a wan2.7 model (model omitted → wan2.7)', () => {
    // @ts-expect-error generate_audio is not a wan2.7 text-to-video field
    client.textToVideo({ prompt: 'x', generate_audio: false });
    // @ts-expect-error quality 480p is wan3.0 only
    client.textToVideo({ prompt: 'x', quality: '480p' });
    // @ts-expect-error aspect_ratio adaptive is wan3.0 only
    client.textToVideo({ prompt: 'x', aspect_ratio: 'adaptive' });
    // @ts-expect-error wan2.7 image-to-video has no aspect_ratio (wan3.0 has)
    client.imageToVideo({ image_start: img, aspect_ratio: '16:9' });
    // @ts-expect-error generate_audio is not a wan2.7 reference-video field
    client.referenceToVideo({ prompt: 'x', image_urls: [img], generate_audio: false });
    // @ts-expect-error model_params.file_url is wan3.0 only
    client.referenceToVideo({ prompt: 'x', image_urls: [img], model_params: { file_url: img } });
    // @ts-expect-error model_params.link_url is wan3.0 only
    client.generate({ model: 'wan2.7-reference-video', prompt: 'x', image_urls: [img], model_params: { link_url: img } });
  });

  it('rejects a wan2.7 or wan2.6 field on a wan3.0 model', () => {
    // @ts-expect-error negative_prompt is wan2.7 only
    client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'x', negative_prompt: 'blur' });
    // @ts-expect-error prompt_extend is not a wan3.0 field
    client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'x', prompt_extend: true });
    // @ts-expect-error wan3.0 text-to-video takes no media (audio_urls is wan2.7)
    client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'x', audio_urls: [clip] });
    // @ts-expect-error model_params.shot_type is wan2.6 only
    client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'x', model_params: { shot_type: 'multi' } });
    // @ts-expect-error audio_url is wan2.6 only
    client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'x', audio_url: clip });
    // @ts-expect-error generation_mode is wan2.7 only
    client.imageToVideo({ model: 'wan3.0-image-to-video', image_start: img, generation_mode: 'first_frame' });
    // @ts-expect-error "Reference material is not accepted" by wan3.0 image-to-video
    client.imageToVideo({ model: 'wan3.0-image-to-video', image_start: img, video_urls: [clip] });
    // @ts-expect-error image_urls is wan2.6 image-to-video / reference material
    client.imageToVideo({ model: 'wan3.0-image-to-video', image_start: img, image_urls: [img] });
    // @ts-expect-error "First and last frames are not accepted" by wan3.0 reference-video
    client.referenceToVideo({ model: 'wan3.0-reference-video', prompt: 'x', image_start: img });
    // biome-ignore format: the expectation below must stay on one line
    // @ts-expect-error voice_bindings "is not supported" by wan3.0
    client.referenceToVideo({ model: 'wan3.0-reference-video', prompt: 'x', image_urls: [img], model_params: { voice_bindings: { image1: clip } } });
    // @ts-expect-error seed is an integer, not a string
    client.generate({ model: 'wan3.0-text-to-video', prompt: 'x', seed: '0' });
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
    // @ts-expect-error image_start is required for wan3.0 image-to-video
    client.imageToVideo({ model: 'wan3.0-image-to-video', image_end: img });
    // @ts-expect-error prompt is required for wan3.0 text-to-video
    client.textToVideo({ model: 'wan3.0-text-to-video', duration: -1 });
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
    expectTypeOf<Extract<GenerateParams, { model: 'wan2.6-image-to-video' }>['image_urls']>().toEqualTypeOf<MediaInput[]>();
    expectTypeOf<ImageToVideoParams>().not.toBeAny();
    expectTypeOf<Wan30TextToVideoParams['quality']>().toEqualTypeOf<'480p' | '720p' | '1080p' | undefined>();
    expectTypeOf<Wan30TextToVideoParams['aspect_ratio']>().toEqualTypeOf<
      'adaptive' | '16:9' | '9:16' | '1:1' | '4:3' | '3:4' | undefined
    >();
    expectTypeOf<Wan30ReferenceVideoParams['model_params']>().toEqualTypeOf<
      { file_url?: string | undefined; link_url?: string | undefined } | undefined
    >();
  });
});

describe('model registry types', () => {
  it('knows each model’s kind', async () => {
    const { modelsOfKind } = await import('../src/models/registry.js');
    expectTypeOf(modelsOfKind('text-to-video')).toEqualTypeOf<
      ('wan2.7-text-to-video' | 'wan2.6-text-to-video' | 'wan3.0-text-to-video')[]
    >();
    expectTypeOf(modelsOfKind('reference-video')).toEqualTypeOf<
      ('wan2.7-reference-video' | 'wan2.6-reference-video' | 'wan2.6-reference-video-flash' | 'wan3.0-reference-video')[]
    >();
    expectTypeOf(modelsOfKind('video-edit')).toEqualTypeOf<'wan2.7-video-edit'[]>();
  });
});

describe('the package exports no internal helper types', () => {
  it("has no error constructor's option type (*Init) and no request context", () => {
    // @ts-expect-error internal: the options of APIError's constructor
    expectTypeOf<import('../src/index.js').APIErrorInit>().toBeObject();
    // @ts-expect-error internal: the options of the connection errors' constructors
    expectTypeOf<import('../src/index.js').ConnectionErrorInit>().toBeObject();
    // @ts-expect-error internal
    expectTypeOf<import('../src/index.js').FileUploadErrorInit>().toBeObject();
    // @ts-expect-error internal
    expectTypeOf<import('../src/index.js').ResultExpiredErrorInit>().toBeObject();
    // @ts-expect-error internal
    expectTypeOf<import('../src/index.js').DownloadErrorInit>().toBeObject();
    // @ts-expect-error internal
    expectTypeOf<import('../src/index.js').BudgetExceededErrorInit>().toBeObject();
    // @ts-expect-error internal: the identifiers of a request, as the transport passes them around
    expectTypeOf<import('../src/index.js').RequestContext>().toBeObject();
    // @ts-expect-error internal
    expectTypeOf<import('../src/index.js').InFlightContext>().toBeObject();
  });
});
