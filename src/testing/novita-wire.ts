import {
  array,
  boolean,
  enum as enumOf,
  gte,
  int,
  lte,
  maxLength,
  minLength,
  number,
  optional,
  refine,
  strictObject,
  string,
  url as urlSchema,
  type ZodMiniType,
} from 'zod/mini';
import { useEnglishMessages } from '../models/zod-kit.js';

// novita's wan2.7 request bodies as its docs state them (spec/novita/wan-api-facts.md §1–4), written independently
// of the SDK's mapping so that the fake catches a wrong mapping instead of agreeing with it.

useEnglishMessages();

const url = urlSchema({ protocol: /^https?$/ });
const whole = (min: number, max: number) => number().check(int(), gte(min), lte(max));
const seed = whole(0, 2147483647);
const text = (max: number) => string().check(maxLength(max));
const flags = { prompt_extend: optional(boolean()), watermark: optional(boolean()), seed: optional(seed) };
const SIZES = [
  '1280*720',
  '720*1280',
  '960*960',
  '1088*832',
  '832*1088',
  '1920*1080',
  '1080*1920',
  '1440*1440',
  '1632*1248',
  '1248*1632',
] as const;
const resolution = enumOf(['720P', '1080P']);

/** `POST /v3/async/wan2.7-i2v`: exactly one of `image_url` / `first_clip_url`. */
const i2v = strictObject({
  image_url: optional(url),
  first_clip_url: optional(url),
  last_frame_url: optional(url),
  driving_audio_url: optional(url),
  prompt: optional(text(5000)),
  negative_prompt: optional(text(500)),
  resolution: optional(resolution),
  duration: optional(whole(2, 15)),
  ...flags,
}).check(
  refine((b) => (b.image_url === undefined) !== (b.first_clip_url === undefined), {
    error: 'exactly one of image_url and first_clip_url is required',
  }),
);

/** `POST /v3/async/wan2.7-t2v`: `size`, not `resolution`. */
const t2v = strictObject({
  prompt: text(1500),
  size: optional(enumOf(SIZES)),
  duration: optional(whole(2, 15)),
  audio_url: optional(url),
  negative_prompt: optional(text(500)),
  ...flags,
});

const mediaItem = strictObject({
  type: enumOf(['reference_image', 'reference_video', 'first_frame']),
  url,
  reference_voice: optional(url),
});

/** `POST /v3/async/wan2.7-r2v`: 1–5 media items (≤ 5 images, ≤ 3 videos, ≤ 1 first frame); no prompt_extend, no resolution. */
const r2v = strictObject({
  media: array(mediaItem).check(minLength(1), maxLength(5)),
  prompt: text(1500),
  size: optional(enumOf(SIZES)),
  audio: optional(boolean()),
  duration: optional(whole(2, 10)),
  shot_type: optional(enumOf(['single', 'multi'])),
  watermark: optional(boolean()),
  negative_prompt: optional(string()),
  seed: optional(seed),
}).check(
  refine((b) => b.media.filter((m) => m.type === 'reference_video').length <= 3, { error: 'at most 3 reference videos' }),
  refine((b) => b.media.filter((m) => m.type === 'first_frame').length <= 1, { error: 'at most 1 first frame' }),
  refine((b) => b.media.some((m) => m.type !== 'first_frame'), { error: 'media needs a reference image or video' }),
);

/** `POST /v3/async/wan2.7-videoedit`: three scalar reference fields, not an array. */
const videoedit = strictObject({
  video_url: url,
  prompt: optional(text(5000)),
  negative_prompt: optional(string()),
  reference_image_url: optional(url),
  reference_image_url_2: optional(url),
  reference_image_url_3: optional(url),
  ratio: optional(enumOf(['16:9', '9:16', '1:1', '4:3', '3:4'])),
  resolution: optional(resolution),
  duration: optional(whole(0, 10)),
  audio_setting: optional(enumOf(['auto', 'origin'])),
  ...flags,
});

/** Body schema per novita route path. */
export const NOVITA_WIRE_SCHEMAS: Readonly<Record<string, ZodMiniType>> = {
  '/v3/async/wan2.7-i2v': i2v,
  '/v3/async/wan2.7-t2v': t2v,
  '/v3/async/wan2.7-r2v': r2v,
  '/v3/async/wan2.7-videoedit': videoedit,
};

/** novita's error body: `{ code, reason, message, metadata }`. */
export function novitaErrorBody(code: number, reason: string, message = reason): Record<string, unknown> {
  return { code, reason, message, metadata: {} };
}
