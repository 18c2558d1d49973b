import * as z from 'zod';
import { withRules } from '../define-model.js';
import { aspectRatio, mediaUrl, singleUrlArray } from '../fragments.js';
import { wan27Common, wan27OptionalPrompt } from './shared.js';

/** Builds the schema of `wan2.7-video-edit` requests. */
export const buildWan27VideoEditSchema = () =>
  withRules(
    z.strictObject({
      model: z.literal('wan2.7-video-edit'),
      /** The edit instruction (optional). */
      prompt: wan27OptionalPrompt().describe('The edit instruction (optional).'),
      ...wan27Common(),
      /** The clip to edit: exactly one mp4/mov of 2–10 s. */
      video_urls: singleUrlArray('video').describe('The clip to edit: exactly one mp4/mov of 2–10 s.'),
      /** Up to 4 reference images (e.g. clothing to put on). */
      image_urls: z
        .array(mediaUrl())
        .max(4, { error: 'takes at most 4 reference images' })
        .optional()
        .describe('Up to 4 reference images (e.g. clothing to put on).'),
      /** `false` (default): the model decides about audio; `true`: keep the input's sound. */
      keep_original_sound: z
        .boolean({ error: 'must be true or false' })
        .optional()
        .describe("false (default): the model decides about audio; true: keep the input's sound."),
      /** Omitted: close to the input video's. */
      aspect_ratio: aspectRatio().optional().describe("Omitted: close to the input video's."),
      /** `0` (default) keeps the input length; otherwise 2–10 s, cut from the start. */
      duration: z
        .number({ error: 'must be 0 (keep the input length) or a whole number of seconds from 2 to 10' })
        .int({ error: 'must be 0 (keep the input length) or a whole number of seconds from 2 to 10' })
        .min(0, { error: 'must be 0 (keep the input length) or 2–10 seconds' })
        .max(10, { error: 'must be at most 10 seconds' })
        .optional()
        .describe('0 (default) keeps the input length; otherwise 2–10 s, cut from the start.'),
    }),
    [
      (data, ctx) => {
        if (data.duration === 1) ctx.issue(['duration'], 'must be 0 (keep the input length) or 2–10 seconds; 1 is not accepted');
      },
    ],
  );

/** Parameters of `wan2.7-video-edit`. */
export type Wan27VideoEditParams = z.input<ReturnType<typeof buildWan27VideoEditSchema>>;
