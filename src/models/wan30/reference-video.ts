import { type input, literal, maxLength, optional, strictObject, url } from 'zod/mini';
import { withRules } from '../define-model.js';
import { mediaUrl, mediaUrls } from '../fragments.js';
import { WAN30_MAX_DURATION } from './limits.js';
import { described } from '../zod-kit.js';
import { wan30Common, wan30OptionalPrompt } from './shared.js';

/** At most this many reference images. */
export const MAX_REFERENCE_IMAGES = 10;
/** At most this many reference clips, and at most this many reference audio files. */
export const MAX_REFERENCE_CLIPS = 5;
/** The shortest reference clip the docs accept ("1 ~ 15 seconds per clip"), in seconds. */
const MIN_CLIP_SECONDS = 1;

const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** Builds the schema of `wan3.0-reference-video` requests, with the material, file/link and duration rules of the docs. */
export const buildWan30ReferenceVideoSchema = () =>
  withRules(
    strictObject({
      model: literal('wan3.0-reference-video'),
      /** Refer to the material as "Image 1", "Video 1", "Audio 1" (1-based, each kind counted on its own). Up to 20,000 characters. */
      prompt: described(
        wan30OptionalPrompt(),
        'Refer to the material as "Image 1", "Video 1", "Audio 1" (1-based, each kind counted on its own). Up to 20,000 characters.',
      ),
      /** Up to 10 subject or background images, one character per image; IMG limits as for image-to-video. */
      image_urls: described(
        optional(mediaUrls().check(maxLength(MAX_REFERENCE_IMAGES, { error: `takes at most ${MAX_REFERENCE_IMAGES} reference images` }))),
        'Up to 10 subject or background images, one character per image; IMG limits as for image-to-video.',
      ),
      /** Up to 5 clips (mp4/mov, 1–15 s each, ≤ 15 s together, ≤ 100 MB each); billed with the output. */
      video_urls: described(
        optional(mediaUrls().check(maxLength(MAX_REFERENCE_CLIPS, { error: `takes at most ${MAX_REFERENCE_CLIPS} reference videos` }))),
        'Up to 5 clips (mp4/mov, 1–15 s each, ≤ 15 s together, ≤ 100 MB each); billed with the output.',
      ),
      /** Up to 5 standalone audio files ("Audio 1"; wav/mp3, 1–15 s each, ≤ 15 s together). Not wan2.7's voice bindings. */
      audio_urls: described(
        optional(
          mediaUrls().check(maxLength(MAX_REFERENCE_CLIPS, { error: `takes at most ${MAX_REFERENCE_CLIPS} reference audio files` })),
        ),
        'Up to 5 standalone audio files ("Audio 1"; wav/mp3, 1–15 s each, ≤ 15 s together). Not wan2.7\'s voice bindings.',
      ),
      model_params: described(
        optional(
          strictObject({
            /** One document to turn into video (docx, pptx, pdf, md, …; ≤ 100 MB, ≤ 50 pages). Excludes `link_url`. */
            file_url: described(
              optional(mediaUrl()),
              'One document to turn into video (docx, pptx, pdf, md, …; ≤ 100 MB, ≤ 50 pages). Excludes link_url.',
            ),
            /** One public web page that needs no login. Excludes `file_url`. */
            link_url: described(
              optional(url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL of a public page' })),
              'One public web page that needs no login. Excludes file_url.',
            ),
          }),
        ),
        'file_url (a document) or link_url (a web page) to turn into video.',
      ),
      ...wan30Common(),
    }),
    [
      (data, ctx) => {
        const params = data.model_params as { file_url?: unknown; link_url?: unknown } | undefined;
        const material =
          lengthOf(data.image_urls) + lengthOf(data.video_urls) + lengthOf(data.audio_urls) > 0 ||
          params?.file_url !== undefined ||
          params?.link_url !== undefined;
        if (!material && !hasText(data.prompt)) {
          ctx.issue(
            [],
            'needs a prompt or reference material (image_urls, video_urls, audio_urls, model_params.file_url or model_params.link_url)',
          );
        }
        if (params?.file_url !== undefined && params.link_url !== undefined) {
          ctx.issue(['model_params'], 'takes file_url or link_url, not both');
        }
      },
      (data, ctx) => {
        // Reference clips + output must not exceed 30 s, and each clip lasts at least 1 s.
        const clips = lengthOf(data.video_urls);
        const longest = WAN30_MAX_DURATION - clips * MIN_CLIP_SECONDS;
        if (clips > 0 && typeof data.duration === 'number' && data.duration > longest) {
          ctx.issue(
            ['duration'],
            `must be at most ${longest} with ${clips} reference video${clips === 1 ? '' : 's'}: reference videos + output may not exceed ` +
              `${WAN30_MAX_DURATION} s (e.g. 10 s of reference video allows at most 20); or use -1 (smart duration)`,
          );
        }
      },
    ],
  );

/** Parameters of `wan3.0-reference-video`. */
export type Wan30ReferenceVideoParams = input<ReturnType<typeof buildWan30ReferenceVideoSchema>>;
