import * as z from 'zod';
import { withRules } from '../define-model.js';
import { aspectRatio, durationSeconds, mediaUrl, mediaUrls } from '../fragments.js';
import { wan27Common, wan27Prompt } from './shared.js';

/** At most this many references (`image_urls` + `video_urls`; `image_start` does not count). */
export const MAX_REFERENCES = 5;
/** At most this many `model_params.voice_bindings`. */
export const MAX_VOICE_BINDINGS = 5;
const BINDING_KEY = /^(image|video)([1-9]\d*)$/;

const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** Builds the schema of `wan2.7-reference-video` requests, with the reference, duration and voice-binding rules of the docs. */
export const buildWan27ReferenceVideoSchema = () =>
  withRules(
    z.strictObject({
      model: z.literal('wan2.7-reference-video'),
      /** Refer to references as "Image 1", "Video 1" (1-based, images and videos counted separately). */
      prompt: wan27Prompt().describe('Refer to references as "Image 1", "Video 1" (1-based, images and videos counted separately).'),
      ...wan27Common(),
      /** First frame (does not count as a reference, cannot take a voice binding); `aspect_ratio` is then ignored. */
      image_start: mediaUrl()
        .optional()
        .describe('First frame (does not count as a reference, cannot take a voice binding); aspect_ratio is then ignored.'),
      /** Subject or background images, one character per image. */
      image_urls: mediaUrls().optional().describe('Subject or background images, one character per image.'),
      /** Subject clips (mp4/mov, 1–30 s); their own audio can be the voice. */
      video_urls: mediaUrls().optional().describe('Subject clips (mp4/mov, 1–30 s); their own audio can be the voice.'),
      /** Legacy voices (wav/mp3, 1–10 s), bound first to video_urls then image_urls; ignored with voice_bindings. */
      audio_urls: mediaUrls()
        .max(5, { error: 'takes at most 5 audio URLs' })
        .optional()
        .describe('Legacy voices (wav/mp3, 1–10 s), bound first to video_urls then image_urls; ignored with voice_bindings.'),
      model_params: z
        .strictObject({
          /** `{ image1: voiceUrl, video2: voiceUrl }`: the voice of each referenced character (wins over audio_urls). */
          voice_bindings: z
            .record(z.string(), mediaUrl())
            .optional()
            .describe('{ image1: voiceUrl, video2: voiceUrl }: the voice of each referenced character (wins over audio_urls).'),
        })
        .optional()
        .describe('voice_bindings: the voice of each referenced character.'),
      aspect_ratio: aspectRatio().optional(),
      /** Whole seconds, 2–15; 2–10 when video_urls is given. */
      duration: durationSeconds(2, 15).optional().describe('Whole seconds, 2–15; 2–10 when video_urls is given.'),
    }),
    [
      (data, ctx) => {
        const images = lengthOf(data.image_urls);
        const videos = lengthOf(data.video_urls);
        if (images + videos === 0) {
          ctx.issue([], 'needs at least one reference in image_urls or video_urls (image_start alone does not count)');
        }
        if (images + videos > MAX_REFERENCES) {
          ctx.issue([], `image_urls and video_urls together take at most ${MAX_REFERENCES} references (got ${images + videos})`);
        }
        if (videos > 0 && typeof data.duration === 'number' && data.duration > 10) {
          ctx.issue(['duration'], 'must be at most 10 seconds when video_urls is given');
        }
      },
      (data, ctx) => {
        const bindings = (data.model_params as { voice_bindings?: unknown } | undefined)?.voice_bindings;
        if (typeof bindings !== 'object' || bindings === null) return;
        const keys = Object.keys(bindings);
        if (keys.length > MAX_VOICE_BINDINGS) {
          ctx.issue(['model_params', 'voice_bindings'], `takes at most ${MAX_VOICE_BINDINGS} bindings (got ${keys.length})`);
        }
        for (const key of keys) {
          const match = BINDING_KEY.exec(key);
          const path = ['model_params', 'voice_bindings', key];
          if (!match) {
            ctx.issue(path, 'is not a valid key; use image<N> or video<N> (1-based, no leading zeros), e.g. image1 or video2');
            continue;
          }
          const [, kind, n] = match;
          const available = lengthOf(kind === 'image' ? data.image_urls : data.video_urls);
          if (Number(n) > available) {
            ctx.issue(
              path,
              `is out of range: there ${available === 1 ? 'is' : 'are'} ${available} ${kind}_urls entr${available === 1 ? 'y' : 'ies'}`,
            );
          }
        }
      },
    ],
  );

/** Parameters of `wan2.7-reference-video`. */
export type Wan27ReferenceVideoParams = z.input<ReturnType<typeof buildWan27ReferenceVideoSchema>>;
