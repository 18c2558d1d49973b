import { type input, literal, maxLength, optional, record, strictObject, string } from 'zod/mini';
import { withRules } from '../define-model.js';
import { aspectRatio, durationSeconds, mediaUrl, mediaUrls } from '../fragments.js';
import { described } from '../zod-kit.js';
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
    strictObject({
      model: literal('wan2.7-reference-video'),
      /** Refer to references as "Image 1", "Video 1" (1-based, images and videos counted separately). */
      prompt: described(wan27Prompt(), 'Refer to references as "Image 1", "Video 1" (1-based, images and videos counted separately).'),
      ...wan27Common(),
      /** First frame (does not count as a reference, cannot take a voice binding); `aspect_ratio` is then ignored. */
      image_start: described(
        optional(mediaUrl()),
        'First frame (does not count as a reference, cannot take a voice binding); aspect_ratio is then ignored.',
      ),
      /** Subject or background images, one character per image. */
      image_urls: described(optional(mediaUrls()), 'Subject or background images, one character per image.'),
      /** Subject clips (mp4/mov, 1–30 s); their own audio can be the voice. */
      video_urls: described(optional(mediaUrls()), 'Subject clips (mp4/mov, 1–30 s); their own audio can be the voice.'),
      /** Legacy voices (wav/mp3, 1–10 s), bound first to video_urls then image_urls; ignored with voice_bindings. */
      audio_urls: described(
        optional(mediaUrls().check(maxLength(5, { error: 'takes at most 5 audio URLs' }))),
        'Legacy voices (wav/mp3, 1–10 s), bound first to video_urls then image_urls; ignored with voice_bindings.',
      ),
      model_params: described(
        optional(
          strictObject({
            /** `{ image1: voiceUrl, video2: voiceUrl }`: the voice of each referenced character (wins over audio_urls). */
            voice_bindings: described(
              optional(record(string(), mediaUrl())),
              '{ image1: voiceUrl, video2: voiceUrl }: the voice of each referenced character (wins over audio_urls).',
            ),
          }),
        ),
        'voice_bindings: the voice of each referenced character.',
      ),
      aspect_ratio: optional(aspectRatio()),
      /** Whole seconds, 2–15; 2–10 when video_urls is given. */
      duration: described(optional(durationSeconds(2, 15)), 'Whole seconds, 2–15; 2–10 when video_urls is given.'),
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
export type Wan27ReferenceVideoParams = input<ReturnType<typeof buildWan27ReferenceVideoSchema>>;
