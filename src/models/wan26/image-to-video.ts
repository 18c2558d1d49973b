import * as z from 'zod';
import { defineModel, withRules } from '../define-model.js';
import { singleUrlArray } from '../fragments.js';
import { lazySchema, once } from '../lazy.js';
import { generateAudio, shotTypeNeedsPromptExtend, wan26Generation } from './shared.js';

// The output follows the image's aspect ratio: no aspect_ratio field.
const imageToVideo = once(() => ({
  ...wan26Generation(),
  /** Exactly one image: JPEG/PNG (no alpha)/BMP/WEBP, 360–2000 px per side, ≤ 10 MB, directly downloadable. */
  image_urls: singleUrlArray('image').describe(
    'Exactly one image: JPEG/PNG (no alpha)/BMP/WEBP, 360–2000 px per side, ≤ 10 MB, directly downloadable.',
  ),
}));

/** Schema of `wan2.6-image-to-video` requests. */
export const Wan26ImageToVideoSchema = lazySchema(() =>
  withRules(z.strictObject({ model: z.literal('wan2.6-image-to-video'), ...imageToVideo() }), [shotTypeNeedsPromptExtend]),
);

/** Schema of `wan2.6-image-to-video-flash` requests: as `wan2.6-image-to-video`, plus `generate_audio`. */
export const Wan26ImageToVideoFlashSchema = lazySchema(() =>
  withRules(z.strictObject({ model: z.literal('wan2.6-image-to-video-flash'), ...imageToVideo(), generate_audio: generateAudio() }), [
    shotTypeNeedsPromptExtend,
  ]),
);

/** Parameters of `wan2.6-image-to-video`. */
export type Wan26ImageToVideoParams = z.input<typeof Wan26ImageToVideoSchema>;
/** Parameters of `wan2.6-image-to-video-flash`. */
export type Wan26ImageToVideoFlashParams = z.input<typeof Wan26ImageToVideoFlashSchema>;

/** `wan2.6-image-to-video`: one image to video. */
export const wan26ImageToVideo = defineModel('wan2.6-image-to-video', 'image-to-video', Wan26ImageToVideoSchema);

/** `wan2.6-image-to-video-flash`: faster, cheaper; optionally silent. */
export const wan26ImageToVideoFlash = defineModel('wan2.6-image-to-video-flash', 'image-to-video', Wan26ImageToVideoFlashSchema);
