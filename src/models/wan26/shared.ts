import * as z from 'zod';
import type { Rule } from '../define-model.js';
import { aspectRatio, callbackUrl, durationSeconds, mediaUrl, promptText, quality, shotTypeParams } from '../fragments.js';
import { once } from '../lazy.js';

/** Fields every wan2.6 model shares. `quality` and `aspect_ratio` are plain strings in the OpenAPI files; their
 * enums come from the page text. */
export const wan26Common = once(() => ({
  /** Up to 1500 characters. */
  prompt: promptText(1500, true).describe('Up to 1500 characters.'),
  quality: quality().optional(),
  /** `single` (default) or `multi` shots. */
  model_params: shotTypeParams().optional().describe('single (default) or multi shots.'),
  callback_url: callbackUrl().optional(),
}));

/** Fields of wan2.6 text- and image-to-video. */
export const wan26Generation = once(() => ({
  ...wan26Common(),
  /** Whole seconds, 2–15. */
  duration: durationSeconds(2, 15).optional().describe('Whole seconds, 2–15.'),
  /** Prompt rewriting; server default `true`. `shot_type` only takes effect when it is on. */
  prompt_extend: z
    .boolean({ error: 'must be true or false' })
    .optional()
    .describe('Prompt rewriting; server default true. shot_type only takes effect when it is on.'),
  /** Driving audio: one mp3 of 3–30 s, ≤ 15 MB. */
  audio_url: mediaUrl().optional().describe('Driving audio: one mp3 of 3–30 s, ≤ 15 MB.'),
}));

/** Fields of wan2.6 reference-video. */
export const wan26Reference = once(() => ({
  ...wan26Common(),
  /** 1–3 reference clips (mp4/mov, 2–30 s, ≤ 100 MB each); appearance and voice are taken from them. */
  video_urls: z
    .array(mediaUrl())
    .min(1, { error: 'needs at least one reference video' })
    .max(3, { error: 'takes at most 3 reference videos' })
    .describe('1–3 reference clips (mp4/mov, 2–30 s, ≤ 100 MB each); appearance and voice are taken from them.'),
  aspect_ratio: aspectRatio().optional(),
  /** Whole seconds, 2–10. */
  duration: durationSeconds(2, 10).optional().describe('Whole seconds, 2–10.'),
}));

/** `generate_audio` of the flash variants: `true` (default) with sound, `false` silent and cheaper. */
export const generateAudio = once(() =>
  z.boolean({ error: 'must be true or false' }).optional().describe('true (default): with sound; false: silent and cheaper.'),
);

/** "shot_type only takes effect when prompt_extend is true": refuse a setting the server would silently ignore. */
export const shotTypeNeedsPromptExtend: Rule<{ prompt_extend?: unknown; model_params?: unknown }> = (data, ctx) => {
  const params = data.model_params as { shot_type?: unknown } | undefined;
  if (data.prompt_extend === false && params?.shot_type !== undefined) {
    ctx.issue(['model_params', 'shot_type'], 'has no effect when prompt_extend is false; remove it or set prompt_extend: true');
  }
};
