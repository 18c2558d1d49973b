import { enum as enumOf, type input, literal, optional, strictObject } from 'zod/mini';
import { present, withRules } from '../define-model.js';
import { durationSeconds, mediaUrl, singleUrlArray } from '../fragments.js';
import { once } from '../lazy.js';
import { GENERATION_MODES, type GenerationMode, inferGenerationMode, MODE_RULES, materialsOf } from './generation-mode.js';
import { described } from '../zod-kit.js';
import { wan27Common, wan27OptionalPrompt } from './shared.js';

const shape = once(() => ({
  model: literal('wan2.7-image-to-video'),
  /** Which materials are valid: `first_frame`, `first_last_frame` or `video_continuation`. Inferred when omitted. */
  generation_mode: described(
    optional(enumOf(GENERATION_MODES, { error: 'must be "first_frame", "first_last_frame" or "video_continuation"' })),
    'Which materials are valid: first_frame, first_last_frame or video_continuation. Inferred when omitted.',
  ),
  prompt: wan27OptionalPrompt(),
  ...wan27Common(),
  /** First frame (JPEG/PNG/BMP/WEBP, 240–8000 px, ≤ 20 MB). */
  image_start: described(optional(mediaUrl()), 'First frame (JPEG/PNG/BMP/WEBP, 240–8000 px, ≤ 20 MB).'),
  /** Last frame, or the ending frame of a continuation. */
  image_end: described(optional(mediaUrl()), 'Last frame, or the ending frame of a continuation.'),
  /** The clip to continue: exactly one mp4/mov of 2–10 s. */
  video_urls: described(optional(singleUrlArray('video')), 'The clip to continue: exactly one mp4/mov of 2–10 s.'),
  /** Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB. */
  audio_urls: described(optional(singleUrlArray('audio')), 'Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB.'),
  /** Seconds, 2–15. With video_continuation: the total output length, input clip included. */
  duration: described(
    optional(durationSeconds(2, 15)),
    'Seconds, 2–15. With video_continuation: the total output length, input clip included.',
  ),
}));

/** Builds the schema of `wan2.7-image-to-video` requests, including the generation_mode / material rules of the docs. */
export const buildWan27ImageToVideoSchema = () =>
  withRules(strictObject(shape()), [
    (data, ctx) => {
      const mode = typeof data.generation_mode === 'string' ? (data.generation_mode as GenerationMode) : undefined;
      if (mode === undefined || !Object.hasOwn(MODE_RULES, mode)) {
        if (mode !== undefined || inferGenerationMode(data) !== undefined) return;
        const given = materialsOf(data);
        if (given.length === 0) {
          ctx.issue([], 'needs image_start (a first frame) or video_urls (a clip to continue)');
          return;
        }
        ctx.issue(
          [],
          `the materials ${given.join(' + ')} are not a valid combination; use one of: image_start; image_start + audio_urls; ` +
            'image_start + image_end; image_start + image_end + audio_urls; video_urls; video_urls + image_end',
        );
        return;
      }
      const rules = MODE_RULES[mode];
      for (const field of rules.required) {
        if (!present(data[field])) ctx.issue([field], `is required in ${mode} mode`);
      }
      for (const field of rules.rejected) {
        if (present(data[field])) ctx.issue([field], `is not accepted in ${mode} mode; ${rules.hint[field]}`);
      }
    },
  ]);

/** Parameters of `wan2.7-image-to-video` (snake_case, as the API names them). */
export type Wan27ImageToVideoParams = input<ReturnType<typeof buildWan27ImageToVideoSchema>>;

/** The request body of `wan2.7-image-to-video`: the generation_mode the materials imply is sent when left out. */
export function wan27ImageToVideoBody(data: Wan27ImageToVideoParams): Record<string, unknown> {
  // Object.assign, then the key: V8 reads and serialises an object spread and then extended several times slower.
  const body: Record<string, unknown> = Object.assign({}, data);
  // The docs recommend an explicit mode: send the one the materials imply when the caller left it out.
  body.generation_mode = data.generation_mode ?? inferGenerationMode(data);
  return body;
}
