import { array, boolean, type input, literal, maxLength, optional, strictObject } from 'zod/mini';
import { withRules } from '../define-model.js';
import { aspectRatio, mediaUrl, singleUrlArray, wholeNumber } from '../fragments.js';
import { described } from '../zod-kit.js';
import { wan27Common, wan27OptionalPrompt } from './shared.js';

/** Builds the schema of `wan2.7-video-edit` requests. */
export const buildWan27VideoEditSchema = () =>
  withRules(
    strictObject({
      model: literal('wan2.7-video-edit'),
      /** The edit instruction (optional). */
      prompt: described(wan27OptionalPrompt(), 'The edit instruction (optional).'),
      ...wan27Common(),
      /** The clip to edit: exactly one mp4/mov of 2–10 s. */
      video_urls: described(singleUrlArray('video'), 'The clip to edit: exactly one mp4/mov of 2–10 s.'),
      /** Up to 4 reference images (e.g. clothing to put on). */
      image_urls: described(
        optional(array(mediaUrl()).check(maxLength(4, { error: 'takes at most 4 reference images' }))),
        'Up to 4 reference images (e.g. clothing to put on).',
      ),
      /** `false` (default): the model decides about audio; `true`: keep the input's sound. */
      keep_original_sound: described(
        optional(boolean({ error: 'must be true or false' })),
        "false (default): the model decides about audio; true: keep the input's sound.",
      ),
      /** Omitted: close to the input video's. */
      aspect_ratio: described(optional(aspectRatio()), "Omitted: close to the input video's."),
      /** `0` (default) keeps the input length; otherwise 2–10 s, cut from the start. */
      duration: described(
        optional(
          wholeNumber(
            'must be 0 (keep the input length) or a whole number of seconds from 2 to 10',
            0,
            'must be 0 (keep the input length) or 2–10 seconds',
            10,
            'must be at most 10 seconds',
          ),
        ),
        '0 (default) keeps the input length; otherwise 2–10 s, cut from the start.',
      ),
    }),
    [
      (data, ctx) => {
        if (data.duration === 1) ctx.issue(['duration'], 'must be 0 (keep the input length) or 2–10 seconds; 1 is not accepted');
      },
    ],
  );

/** Parameters of `wan2.7-video-edit`. */
export type Wan27VideoEditParams = input<ReturnType<typeof buildWan27VideoEditSchema>>;
