import type { GenerateParams } from '../../src/index.js';

const img = (n: number) => `https://example.com/image${n}.png`;
const vid = (n: number) => `https://example.com/clip${n}.mp4`;
const aud = (n: number) => `https://example.com/voice${n}.mp3`;
const hook = 'https://your-domain.com/webhooks/video-task-completed';

/** Valid parameter sets per model, from the docs' examples and field tables, used by several test files. */
export const VALID_CASES: { name: string; params: GenerateParams }[] = [
  // wan2.7-text-to-video
  { name: 'minimal', params: { model: 'wan2.7-text-to-video', prompt: 'A small kitten running under the moonlight' } },
  {
    name: 'all fields',
    params: {
      model: 'wan2.7-text-to-video',
      prompt: 'Shot 1 [0-3s] wide',
      negative_prompt: 'flowers',
      audio_urls: [aud(1)],
      quality: '1080p',
      aspect_ratio: '9:16',
      duration: 15,
      seed: 2147483647,
      prompt_extend: true,
      callback_url: hook,
    },
  },
  { name: 'shortest', params: { model: 'wan2.7-text-to-video', prompt: 'x', duration: 2, seed: 1 } },
  // wan2.7-image-to-video: the six material combinations, with and without an explicit mode
  { name: 'first frame', params: { model: 'wan2.7-image-to-video', image_start: img(1) } },
  {
    name: 'first frame + audio',
    params: { model: 'wan2.7-image-to-video', generation_mode: 'first_frame', image_start: img(1), audio_urls: [aud(1)] },
  },
  {
    name: 'first + last',
    params: { model: 'wan2.7-image-to-video', image_start: img(1), image_end: img(2), duration: 15, quality: '1080p' },
  },
  {
    name: 'first + last + audio',
    params: {
      model: 'wan2.7-image-to-video',
      generation_mode: 'first_last_frame',
      image_start: img(1),
      image_end: img(2),
      audio_urls: [aud(1)],
    },
  },
  {
    name: 'continuation',
    params: { model: 'wan2.7-image-to-video', video_urls: [vid(1)], duration: 10, prompt: 'continue', negative_prompt: 'blur', seed: 42 },
  },
  {
    name: 'continuation + end frame',
    params: {
      model: 'wan2.7-image-to-video',
      generation_mode: 'video_continuation',
      video_urls: [vid(1)],
      image_end: img(2),
      callback_url: hook,
    },
  },
  // wan2.7-reference-video
  { name: 'one video', params: { model: 'wan2.7-reference-video', prompt: 'The character dancing', video_urls: [vid(1)], duration: 10 } },
  {
    name: 'images with voice bindings',
    params: {
      model: 'wan2.7-reference-video',
      prompt: 'Image 1 holds Image 2',
      image_urls: [img(1), img(2), img(3)],
      model_params: { voice_bindings: { image1: aud(1), image3: aud(3) } },
      duration: 15,
    },
  },
  {
    name: 'five references, first frame, legacy audio',
    params: {
      model: 'wan2.7-reference-video',
      prompt: 'Video 1 meets Image 1',
      image_start: img(9),
      image_urls: [img(1), img(2)],
      video_urls: [vid(1), vid(2), vid(3)],
      audio_urls: [aud(1), aud(2), aud(3), aud(4), aud(5)],
      model_params: { voice_bindings: { video3: aud(1), image2: aud(2) } },
      aspect_ratio: '1:1',
      quality: '720p',
      seed: 7,
      prompt_extend: false,
    },
  },
  // wan2.7-video-edit
  { name: 'instruction only', params: { model: 'wan2.7-video-edit', prompt: 'Convert the scene to clay style', video_urls: [vid(1)] } },
  { name: 'no prompt, keep length', params: { model: 'wan2.7-video-edit', video_urls: [vid(1)], duration: 0 } },
  {
    name: 'four references, all fields',
    params: {
      model: 'wan2.7-video-edit',
      prompt: 'Replace the clothes',
      negative_prompt: 'blur',
      video_urls: [vid(1)],
      image_urls: [img(1), img(2), img(3), img(4)],
      keep_original_sound: true,
      quality: '1080p',
      aspect_ratio: '4:3',
      duration: 10,
      seed: 3,
      prompt_extend: true,
      callback_url: hook,
    },
  },
  { name: 'duration 2', params: { model: 'wan2.7-video-edit', video_urls: [vid(1)], duration: 2 } },
  // wan2.6-text-to-video
  { name: 'minimal', params: { model: 'wan2.6-text-to-video', prompt: 'A cat playing piano' } },
  {
    name: 'all fields',
    params: {
      model: 'wan2.6-text-to-video',
      prompt: 'p'.repeat(1500),
      aspect_ratio: '3:4',
      quality: '1080p',
      duration: 15,
      prompt_extend: true,
      model_params: { shot_type: 'multi' },
      audio_url: aud(1),
      callback_url: hook,
    },
  },
  { name: 'no prompt rewriting', params: { model: 'wan2.6-text-to-video', prompt: 'x', prompt_extend: false, duration: 2 } },
  // wan2.6-image-to-video (+ flash)
  { name: 'minimal', params: { model: 'wan2.6-image-to-video', prompt: 'A cat playing piano', image_urls: [img(1)] } },
  {
    name: 'all fields',
    params: {
      model: 'wan2.6-image-to-video',
      prompt: 'x',
      image_urls: [img(1)],
      duration: 10,
      quality: '720p',
      prompt_extend: true,
      model_params: { shot_type: 'single' },
      audio_url: aud(1),
      callback_url: hook,
    },
  },
  { name: 'minimal', params: { model: 'wan2.6-image-to-video-flash', prompt: 'A cat playing piano', image_urls: [img(1)] } },
  {
    name: 'silent',
    params: { model: 'wan2.6-image-to-video-flash', prompt: 'x', image_urls: [img(1)], generate_audio: false, duration: 15 },
  },
  // wan2.6-reference-video (+ flash)
  { name: 'one video', params: { model: 'wan2.6-reference-video', prompt: 'A person dancing', video_urls: [vid(1)] } },
  {
    name: 'three videos, all fields',
    params: {
      model: 'wan2.6-reference-video',
      prompt: 'character1 and character2',
      video_urls: [vid(1), vid(2), vid(3)],
      aspect_ratio: '16:9',
      quality: '1080p',
      duration: 10,
      model_params: { shot_type: 'multi' },
      callback_url: hook,
    },
  },
  { name: 'one video', params: { model: 'wan2.6-reference-video-flash', prompt: 'A person dancing', video_urls: [vid(1)] } },
  {
    name: 'silent',
    params: { model: 'wan2.6-reference-video-flash', prompt: 'x', video_urls: [vid(1), vid(2)], generate_audio: false, duration: 2 },
  },
  // wan3.0-text-to-video
  { name: 'minimal', params: { model: 'wan3.0-text-to-video', prompt: 'A kitten runs across a rooftop in the moonlight' } },
  {
    name: 'all fields, longest',
    params: {
      model: 'wan3.0-text-to-video',
      prompt: 'p'.repeat(20_000),
      duration: 30,
      quality: '480p',
      aspect_ratio: 'adaptive',
      generate_audio: false,
      seed: 0,
      callback_url: hook,
    },
  },
  {
    name: 'smart duration',
    params: {
      model: 'wan3.0-text-to-video',
      prompt: 'A product ad',
      duration: -1,
      quality: '1080p',
      aspect_ratio: '3:4',
      seed: 2147483647,
    },
  },
  // wan3.0-image-to-video
  { name: 'first frame, no prompt', params: { model: 'wan3.0-image-to-video', image_start: img(1) } },
  {
    name: 'first + last',
    params: {
      model: 'wan3.0-image-to-video',
      prompt: 'The smile turns into a laugh',
      image_start: img(1),
      image_end: img(2),
      duration: 2,
      quality: '720p',
      aspect_ratio: '16:9',
    },
  },
  {
    name: 'all fields',
    params: {
      model: 'wan3.0-image-to-video',
      prompt: 'x',
      image_start: img(1),
      image_end: img(2),
      duration: -1,
      quality: '1080p',
      aspect_ratio: 'adaptive',
      generate_audio: true,
      seed: 42,
      callback_url: hook,
    },
  },
  // wan3.0-reference-video
  { name: 'prompt only', params: { model: 'wan3.0-reference-video', prompt: 'A short infographic video' } },
  { name: 'material only', params: { model: 'wan3.0-reference-video', audio_urls: [aud(1)] } },
  {
    name: 'the most of everything',
    params: {
      model: 'wan3.0-reference-video',
      prompt: 'Video 1 holds Image 3 while Audio 2 plays',
      image_urls: Array.from({ length: 10 }, (_, i) => img(i + 1)),
      video_urls: [vid(1), vid(2), vid(3), vid(4), vid(5)],
      audio_urls: [aud(1), aud(2), aud(3), aud(4), aud(5)],
      duration: 25,
      quality: '480p',
      aspect_ratio: '9:16',
      generate_audio: false,
      seed: 0,
      callback_url: hook,
    },
  },
  {
    name: 'a file',
    params: { model: 'wan3.0-reference-video', model_params: { file_url: 'https://example.com/deck.pptx' }, duration: -1 },
  },
  {
    name: 'a link and an image',
    params: {
      model: 'wan3.0-reference-video',
      prompt: 'Image 1 presents the article',
      image_urls: [img(1)],
      model_params: { link_url: 'https://example.com/article/1' },
      duration: 30,
    },
  },
];
