import { type input, literal, strictObject } from 'zod/mini';
import { withRules } from '../define-model.js';
import { singleUrlArray } from '../fragments.js';
import { once } from '../lazy.js';
import { described } from '../zod-kit.js';
import { generateAudio, shotTypeNeedsPromptExtend, wan26Generation } from './shared.js';

// The output follows the image's aspect ratio: no aspect_ratio field.
const imageToVideo = once(() => ({
  ...wan26Generation(),
  /** Exactly one image: JPEG/PNG (no alpha)/BMP/WEBP, 360–2000 px per side, ≤ 10 MB, directly downloadable. */
  image_urls: described(
    singleUrlArray('image'),
    'Exactly one image: JPEG/PNG (no alpha)/BMP/WEBP, 360–2000 px per side, ≤ 10 MB, directly downloadable.',
  ),
}));

/** Builds the schema of `wan2.6-image-to-video` requests. */
export const buildWan26ImageToVideoSchema = () =>
  withRules(strictObject({ model: literal('wan2.6-image-to-video'), ...imageToVideo() }), [shotTypeNeedsPromptExtend]);

/** Builds the schema of `wan2.6-image-to-video-flash` requests: as `wan2.6-image-to-video`, plus `generate_audio`. */
export const buildWan26ImageToVideoFlashSchema = () =>
  withRules(strictObject({ model: literal('wan2.6-image-to-video-flash'), ...imageToVideo(), generate_audio: generateAudio() }), [
    shotTypeNeedsPromptExtend,
  ]);

/** Parameters of `wan2.6-image-to-video`. */
export type Wan26ImageToVideoParams = input<ReturnType<typeof buildWan26ImageToVideoSchema>>;
/** Parameters of `wan2.6-image-to-video-flash`. */
export type Wan26ImageToVideoFlashParams = input<ReturnType<typeof buildWan26ImageToVideoFlashSchema>>;
