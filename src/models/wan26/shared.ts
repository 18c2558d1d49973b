import { array, boolean, maxLength, minLength, optional } from 'zod/mini';
import type { Rule } from '../define-model.js';
import { aspectRatio, callbackUrl, durationSeconds, mediaUrl, promptText, quality, shotTypeParams } from '../fragments.js';
import { once } from '../lazy.js';
import { described } from '../zod-kit.js';

/** Fields every wan2.6 model shares. `quality` and `aspect_ratio` are plain strings in the OpenAPI files; their
 * enums come from the page text. */
export const wan26Common = once(() => ({
  /** Up to 1500 characters. */
  prompt: described(promptText(1500, true), 'Up to 1500 characters.'),
  quality: optional(quality()),
  /** `single` (default) or `multi` shots. */
  model_params: described(optional(shotTypeParams()), 'single (default) or multi shots.'),
  callback_url: optional(callbackUrl()),
}));

/** Fields of wan2.6 text- and image-to-video. */
export const wan26Generation = once(() => ({
  ...wan26Common(),
  /** Whole seconds, 2–15. */
  duration: described(optional(durationSeconds(2, 15)), 'Whole seconds, 2–15.'),
  /** Prompt rewriting; server default `true`. `shot_type` only takes effect when it is on. */
  prompt_extend: described(
    optional(boolean({ error: 'must be true or false' })),
    'Prompt rewriting; server default true. shot_type only takes effect when it is on.',
  ),
  /** Driving audio: one mp3 of 3–30 s, ≤ 15 MB. */
  audio_url: described(optional(mediaUrl()), 'Driving audio: one mp3 of 3–30 s, ≤ 15 MB.'),
}));

/** Fields of wan2.6 reference-video. */
export const wan26Reference = once(() => ({
  ...wan26Common(),
  /** 1–3 reference clips (mp4/mov, 2–30 s, ≤ 100 MB each); appearance and voice are taken from them. */
  video_urls: described(
    array(mediaUrl()).check(
      minLength(1, { error: 'needs at least one reference video' }),
      maxLength(3, { error: 'takes at most 3 reference videos' }),
    ),
    '1–3 reference clips (mp4/mov, 2–30 s, ≤ 100 MB each); appearance and voice are taken from them.',
  ),
  aspect_ratio: optional(aspectRatio()),
  /** Whole seconds, 2–10. */
  duration: described(optional(durationSeconds(2, 10)), 'Whole seconds, 2–10.'),
}));

/** `generate_audio` of the flash variants: `true` (default) with sound, `false` silent and cheaper. */
export const generateAudio = once(() =>
  described(optional(boolean({ error: 'must be true or false' })), 'true (default): with sound; false: silent and cheaper.'),
);

/** "shot_type only takes effect when prompt_extend is true": refuse a setting the server would silently ignore. */
export const shotTypeNeedsPromptExtend: Rule<{ prompt_extend?: unknown; model_params?: unknown }> = (data, ctx) => {
  const params = data.model_params as { shot_type?: unknown } | undefined;
  if (data.prompt_extend === false && params?.shot_type !== undefined) {
    ctx.issue(['model_params', 'shot_type'], 'has no effect when prompt_extend is false; remove it or set prompt_extend: true');
  }
};
