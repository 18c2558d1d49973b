import { type input, literal, optional, strictObject } from 'zod/mini';
import { present, withRules } from '../define-model.js';
import { mediaUrl } from '../fragments.js';
import { described } from '../zod-kit.js';
import { wan30Common, wan30OptionalPrompt } from './shared.js';

/** Builds the schema of `wan3.0-image-to-video` requests: a strict first frame, optionally a strict last frame; no reference material. */
export const buildWan30ImageToVideoSchema = () =>
  withRules(
    strictObject({
      model: literal('wan3.0-image-to-video'),
      /** Recommended: the action, camera movement and changes between the frames. Up to 20,000 characters. */
      prompt: described(
        wan30OptionalPrompt(),
        'Recommended: the action, camera movement and changes between the frames. Up to 20,000 characters.',
      ),
      /** The first frame (required): JPEG/PNG (no alpha)/BMP/WEBP, 240–8000 px per side, aspect 1:8–8:1, ≤ 20 MB. */
      image_start: described(
        mediaUrl(),
        'The first frame (required): JPEG/PNG (no alpha)/BMP/WEBP, 240–8000 px per side, aspect 1:8–8:1, ≤ 20 MB.',
      ),
      /** The last frame, only together with `image_start`; same image limits. */
      image_end: described(optional(mediaUrl()), 'The last frame, only together with image_start; same image limits.'),
      ...wan30Common(),
    }),
    [
      (data, ctx) => {
        // image_start is also required on its own; this says why image_end alone is not enough.
        if (present(data.image_end) && !present(data.image_start)) {
          ctx.issue(['image_end'], 'must be used together with image_start: passing the last frame alone is not supported');
        }
      },
    ],
  );

/** Parameters of `wan3.0-image-to-video`. */
export type Wan30ImageToVideoParams = input<ReturnType<typeof buildWan30ImageToVideoSchema>>;
