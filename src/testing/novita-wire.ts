import * as z from 'zod';

// novita's wan2.7 request bodies as its docs state them (spec/novita/wan-api-facts.md §1–4), written independently
// of the SDK's mapping so that the fake catches a wrong mapping instead of agreeing with it.

const url = z.url({ protocol: /^https?$/ });
const seed = z.number().int().min(0).max(2147483647);
const text = (max: number) => z.string().max(max);
const flags = { prompt_extend: z.boolean().optional(), watermark: z.boolean().optional(), seed: seed.optional() };
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
const resolution = z.enum(['720P', '1080P']);

/** `POST /v3/async/wan2.7-i2v`: exactly one of `image_url` / `first_clip_url`. */
const i2v = z
  .strictObject({
    image_url: url.optional(),
    first_clip_url: url.optional(),
    last_frame_url: url.optional(),
    driving_audio_url: url.optional(),
    prompt: text(5000).optional(),
    negative_prompt: text(500).optional(),
    resolution: resolution.optional(),
    duration: z.number().int().min(2).max(15).optional(),
    ...flags,
  })
  .refine((b) => (b.image_url === undefined) !== (b.first_clip_url === undefined), {
    error: 'exactly one of image_url and first_clip_url is required',
  });

/** `POST /v3/async/wan2.7-t2v`: `size`, not `resolution`. */
const t2v = z.strictObject({
  prompt: text(1500),
  size: z.enum(SIZES).optional(),
  duration: z.number().int().min(2).max(15).optional(),
  audio_url: url.optional(),
  negative_prompt: text(500).optional(),
  ...flags,
});

const mediaItem = z.strictObject({
  type: z.enum(['reference_image', 'reference_video', 'first_frame']),
  url,
  reference_voice: url.optional(),
});

/** `POST /v3/async/wan2.7-r2v`: 1–5 media items (≤ 5 images, ≤ 3 videos, ≤ 1 first frame); no prompt_extend, no resolution. */
const r2v = z
  .strictObject({
    media: z.array(mediaItem).min(1).max(5),
    prompt: text(1500),
    size: z.enum(SIZES).optional(),
    audio: z.boolean().optional(),
    duration: z.number().int().min(2).max(10).optional(),
    shot_type: z.enum(['single', 'multi']).optional(),
    watermark: z.boolean().optional(),
    negative_prompt: z.string().optional(),
    seed: seed.optional(),
  })
  .refine((b) => b.media.filter((m) => m.type === 'reference_video').length <= 3, { error: 'at most 3 reference videos' })
  .refine((b) => b.media.filter((m) => m.type === 'first_frame').length <= 1, { error: 'at most 1 first frame' })
  .refine((b) => b.media.some((m) => m.type !== 'first_frame'), { error: 'media needs a reference image or video' });

/** `POST /v3/async/wan2.7-videoedit`: three scalar reference fields, not an array. */
const videoedit = z.strictObject({
  video_url: url,
  prompt: text(5000).optional(),
  negative_prompt: z.string().optional(),
  reference_image_url: url.optional(),
  reference_image_url_2: url.optional(),
  reference_image_url_3: url.optional(),
  ratio: z.enum(['16:9', '9:16', '1:1', '4:3', '3:4']).optional(),
  resolution: resolution.optional(),
  duration: z.number().int().min(0).max(10).optional(),
  audio_setting: z.enum(['auto', 'origin']).optional(),
  ...flags,
});

/** Body schema per novita route path. */
export const NOVITA_WIRE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  '/v3/async/wan2.7-i2v': i2v,
  '/v3/async/wan2.7-t2v': t2v,
  '/v3/async/wan2.7-r2v': r2v,
  '/v3/async/wan2.7-videoedit': videoedit,
};

/** novita's error body: `{ code, reason, message, metadata }`. */
export function novitaErrorBody(code: number, reason: string, message = reason): Record<string, unknown> {
  return { code, reason, message, metadata: {} };
}
