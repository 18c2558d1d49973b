import * as z from 'zod';
import { defineModel, present, withRules } from '../define-model.js';
import { durationSeconds, mediaUrl, singleUrlArray } from '../fragments.js';
import { lazySchema, once } from '../lazy.js';
import { wan27Common, wan27OptionalPrompt } from './shared.js';

/** The three wan2.7 image-to-video modes. */
export const GENERATION_MODES = ['first_frame', 'first_last_frame', 'video_continuation'] as const;
/** A wan2.7 image-to-video generation mode. */
export type GenerationMode = (typeof GENERATION_MODES)[number];

type Material = 'image_start' | 'image_end' | 'video_urls' | 'audio_urls';

/** Per mode: what it needs and what it refuses (the vendor's mode table). */
export const MODE_RULES: Record<GenerationMode, { required: Material[]; rejected: Material[]; hint: Partial<Record<Material, string>> }> = {
  first_frame: {
    required: ['image_start'],
    rejected: ['image_end', 'video_urls'],
    hint: { image_end: 'use first_last_frame', video_urls: 'use video_continuation' },
  },
  first_last_frame: {
    required: ['image_start', 'image_end'],
    rejected: ['video_urls'],
    hint: { video_urls: 'use video_continuation' },
  },
  video_continuation: {
    required: ['video_urls'],
    rejected: ['image_start', 'audio_urls'],
    hint: { image_start: 'use first_frame or first_last_frame', audio_urls: 'driving audio cannot be combined with video_urls' },
  },
};

/** The six material combinations the API accepts, and the mode each implies. */
const VALID_COMBINATIONS: [Material[], GenerationMode][] = [
  [['image_start'], 'first_frame'],
  [['image_start', 'audio_urls'], 'first_frame'],
  [['image_start', 'image_end'], 'first_last_frame'],
  [['image_start', 'image_end', 'audio_urls'], 'first_last_frame'],
  [['video_urls'], 'video_continuation'],
  [['video_urls', 'image_end'], 'video_continuation'],
];

const MATERIALS: Material[] = ['image_start', 'image_end', 'video_urls', 'audio_urls'];

function materialsOf(data: Partial<Record<Material, unknown>>): Material[] {
  return MATERIALS.filter((m) => present(data[m]));
}

/** The materials given, one bit each (in {@link MATERIALS} order): checked on every create, so without arrays. */
function materialBits(data: Partial<Record<Material, unknown>>): number {
  let bits = 0;
  for (let i = 0; i < MATERIALS.length; i++) if (present(data[MATERIALS[i]!])) bits |= 1 << i;
  return bits;
}

const MODE_OF_BITS = new Map(
  VALID_COMBINATIONS.map(([set, mode]) => [set.reduce((bits, m) => bits | (1 << MATERIALS.indexOf(m)), 0), mode] as const),
);

/** The mode the materials imply, or `undefined` for a combination the API rejects. */
export function inferGenerationMode(data: Partial<Record<Material, unknown>>): GenerationMode | undefined {
  return MODE_OF_BITS.get(materialBits(data));
}

const shape = once(() => ({
  model: z.literal('wan2.7-image-to-video'),
  /** Which materials are valid: `first_frame`, `first_last_frame` or `video_continuation`. Inferred when omitted. */
  generation_mode: z
    .enum(GENERATION_MODES, { error: 'must be "first_frame", "first_last_frame" or "video_continuation"' })
    .optional()
    .describe('Which materials are valid: first_frame, first_last_frame or video_continuation. Inferred when omitted.'),
  prompt: wan27OptionalPrompt(),
  ...wan27Common(),
  /** First frame (JPEG/PNG/BMP/WEBP, 240–8000 px, ≤ 20 MB). */
  image_start: mediaUrl().optional().describe('First frame (JPEG/PNG/BMP/WEBP, 240–8000 px, ≤ 20 MB).'),
  /** Last frame, or the ending frame of a continuation. */
  image_end: mediaUrl().optional().describe('Last frame, or the ending frame of a continuation.'),
  /** The clip to continue: exactly one mp4/mov of 2–10 s. */
  video_urls: singleUrlArray('video').optional().describe('The clip to continue: exactly one mp4/mov of 2–10 s.'),
  /** Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB. */
  audio_urls: singleUrlArray('audio').optional().describe('Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB.'),
  /** Seconds, 2–15. With video_continuation: the total output length, input clip included. */
  duration: durationSeconds(2, 15)
    .optional()
    .describe('Seconds, 2–15. With video_continuation: the total output length, input clip included.'),
}));

/** Schema of `wan2.7-image-to-video` requests, including the generation_mode / material rules of the docs. */
export const Wan27ImageToVideoSchema = lazySchema(() =>
  withRules(z.strictObject(shape()), [
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
  ]),
);

/** Parameters of `wan2.7-image-to-video` (snake_case, as the API names them). */
export type Wan27ImageToVideoParams = z.input<typeof Wan27ImageToVideoSchema>;

/** `wan2.7-image-to-video`: first frame, first + last frame, or video continuation, with optional driving audio. */
export const wan27ImageToVideo = defineModel('wan2.7-image-to-video', 'image-to-video', Wan27ImageToVideoSchema, (data) => {
  // Object.assign, then the key: V8 reads and serialises an object spread and then extended several times slower.
  const body: Record<string, unknown> = Object.assign({}, data);
  // The docs recommend an explicit mode: send the one the materials imply when the caller left it out.
  body.generation_mode = data.generation_mode ?? inferGenerationMode(data);
  return body;
});
