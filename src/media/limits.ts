import type { ModelId } from '../models/registry.js';

const MB = 1024 * 1024;

/** What one media field accepts, from the model's OpenAPI file and page text. */
export interface MediaRule {
  /** Accepted formats, as detected from the bytes (`jpeg`, `png`, `mp4`, `mp3`, …). */
  formats: readonly string[];
  /** Largest file, in bytes (the docs' "MB" read as MiB, the lenient reading). */
  maxBytes: number;
  /** Images and clips: smallest and largest width and height, in pixels. */
  sides?: readonly [min: number, max: number] | undefined;
  /** Images and clips: the most elongated shape allowed, long side ÷ short side (8 for "1:8 ~ 8:1"). */
  maxAspect?: number | undefined;
  /** Clips and sounds: shortest and longest length, in seconds (as the container states it). */
  seconds?: readonly [min: number, max: number] | undefined;
  /** Images: a PNG with an alpha channel is refused ("transparency not supported"). */
  opaque?: boolean | undefined;
}

const IMAGE_FORMATS = ['jpeg', 'png', 'bmp', 'webp'] as const;
/** wan2.7 and wan3.0 images: JPEG/PNG (no transparency)/BMP/WEBP, 240–8000 px, 1:8–8:1, ≤ 20 MB. */
const IMAGE: MediaRule = { formats: IMAGE_FORMATS, maxBytes: 20 * MB, sides: [240, 8000], maxAspect: 8, opaque: true };
/** wan2.6 image-to-video: same formats, 360–2000 px, ≤ 10 MB (no aspect limit documented). */
const IMAGE_26: MediaRule = { formats: IMAGE_FORMATS, maxBytes: 10 * MB, sides: [360, 2000], opaque: true };
/*
 * Clips and sounds. Every number is from the field's description in the model's OpenAPI file (the project's shared
 * `spec/evolink/<family>/<model>.json`, `components.schemas.*.properties.<field>.description`):
 *
 * | model                        | field                       | formats  | length      | px per side | shape     | size   |
 * | ---------------------------- | --------------------------- | -------- | ----------- | ----------- | --------- | ------ |
 * | wan2.7-image-to-video        | video_urls                  | mp4, mov | 2–10 s      | 240–4096    | 1:8–8:1   | 100 MB |
 * | wan2.7-reference-video       | video_urls                  | mp4, mov | 1–30 s      | 240–4096    | 1:8–8:1   | 100 MB |
 * | wan2.7-video-edit            | video_urls                  | mp4, mov | 2–10 s      | 240–4096    | 1:8–8:1   | 100 MB |
 * | wan2.6-reference-video(-flash) | video_urls                | mp4, mov | 2–30 s      | —           | —         | 100 MB |
 * | wan3.0-reference-video       | video_urls                  | mp4, mov | 1–15 s each, 15 s in all | 240–4096 | 1:8–8:1 | 100 MB |
 * | wan2.7-text/image-to-video   | audio_urls                  | wav, mp3 | 2–30 s      |             |           | 15 MB  |
 * | wan2.7-reference-video       | audio_urls, voice_bindings  | wav, mp3 | 1–10 s      |             |           | 15 MB  |
 * | wan2.6-text/image-to-video(-flash) | audio_url             | mp3      | 3–30 s      |             |           | 15 MB  |
 * | wan3.0-reference-video       | audio_urls                  | wav, mp3 | 1–15 s each, 15 s in all |  |           | 15 MB  |
 *
 * Seed 000 (the wan2.7 image-to-video page) and seed 002 repeat the continuation clip's 2–10 s, 240–4096 px, 1:8–8:1;
 * seed 003 §"FAQ" the voices' 1–10 s and the driving audio's 2–30 s. The totals and the continuation rule are in
 * request-rules.ts.
 */
const CLIP_FORMATS = ['mp4', 'mov'] as const;
/** wan2.7 and wan3.0 clips: 240–4096 px per side, 1:8–8:1, ≤ 100 MB; the length differs per field. */
const clip27 = (seconds: readonly [number, number]): MediaRule => ({
  formats: CLIP_FORMATS,
  maxBytes: 100 * MB,
  sides: [240, 4096],
  maxAspect: 8,
  seconds,
});
/** wan2.6 reference clips: mp4/mov, 2–30 s, ≤ 100 MB (no pixel limits documented). */
const CLIP_26: MediaRule = { formats: CLIP_FORMATS, maxBytes: 100 * MB, seconds: [2, 30] };
/** wan2.7 and wan3.0 audio: wav/mp3, ≤ 15 MB; the length differs per field. */
const audio = (seconds: readonly [number, number]): MediaRule => ({ formats: ['wav', 'mp3'], maxBytes: 15 * MB, seconds });
/** wan2.7 driving audio (text- and image-to-video `audio_urls`): 2–30 s. */
const DRIVING_AUDIO = audio([2, 30]);
/** wan2.7 reference voices (`voice_bindings` values, legacy `audio_urls`): 1–10 s. */
const VOICE = audio([1, 10]);
/** wan2.6 `audio_url`: mp3 only, 3–30 s, ≤ 15 MB. */
const MP3: MediaRule = { formats: ['mp3'], maxBytes: 15 * MB, seconds: [3, 30] };
/** wan3.0 `model_params.file_url`: docx, doc, xlsx, xls, pptx, ppt, pdf, txt, key, pages, numbers, md; ≤ 100 MB. */
const DOCUMENT: MediaRule = { formats: ['pdf', 'office-zip', 'office-ole', 'text'], maxBytes: 100 * MB };

/**
 * Where a model takes media, and what each field accepts. A key is a field path: `name` (one value), `name[]` (each
 * item of an array) or `parent.name.*` (each value of an object).
 */
export type MediaFields = Readonly<Record<string, MediaRule>>;

const WAN26_I2V: MediaFields = { 'image_urls[]': IMAGE_26, audio_url: MP3 };
const WAN26_R2V: MediaFields = { 'video_urls[]': CLIP_26 };

/** Every model's media fields. A model without media (wan3.0 text-to-video) has none. */
export const MEDIA_FIELDS: Readonly<Record<ModelId, MediaFields>> = {
  'wan2.7-text-to-video': { 'audio_urls[]': DRIVING_AUDIO },
  'wan2.7-image-to-video': { image_start: IMAGE, image_end: IMAGE, 'video_urls[]': clip27([2, 10]), 'audio_urls[]': DRIVING_AUDIO },
  'wan2.7-reference-video': {
    image_start: IMAGE,
    'image_urls[]': IMAGE,
    'video_urls[]': clip27([1, 30]),
    'audio_urls[]': VOICE,
    'model_params.voice_bindings.*': VOICE,
  },
  'wan2.7-video-edit': { 'video_urls[]': clip27([2, 10]), 'image_urls[]': IMAGE },
  'wan2.6-text-to-video': { audio_url: MP3 },
  'wan2.6-image-to-video': WAN26_I2V,
  'wan2.6-image-to-video-flash': WAN26_I2V,
  'wan2.6-reference-video': WAN26_R2V,
  'wan2.6-reference-video-flash': WAN26_R2V,
  'wan3.0-text-to-video': {},
  'wan3.0-image-to-video': { image_start: IMAGE, image_end: IMAGE },
  'wan3.0-reference-video': {
    'image_urls[]': IMAGE,
    'video_urls[]': clip27([1, 15]),
    'audio_urls[]': audio([1, 15]),
    'model_params.file_url': DOCUMENT,
  },
};

/** What `client.files.upload()` accepts without a field: any file up to EvoLink's client limit of 100 MB. */
export const ANY_UPLOAD: MediaRule = { formats: [], maxBytes: 100 * MB };
