import type { Wan26ImageToVideoFlashParams, Wan26ImageToVideoParams } from './models/wan26/image-to-video.js';
import type { Wan26ReferenceVideoFlashParams, Wan26ReferenceVideoParams } from './models/wan26/reference-video.js';
import type { Wan26TextToVideoParams } from './models/wan26/text-to-video.js';
import type { Wan27ImageToVideoParams } from './models/wan27/image-to-video.js';
import type { Wan27ReferenceVideoParams } from './models/wan27/reference-video.js';
import type { Wan27TextToVideoParams } from './models/wan27/text-to-video.js';
import type { Wan27VideoEditParams } from './models/wan27/video-edit.js';
import type { Wan30ImageToVideoParams } from './models/wan30/image-to-video.js';
import type { Wan30ReferenceVideoParams } from './models/wan30/reference-video.js';
import type { Wan30TextToVideoParams } from './models/wan30/text-to-video.js';

import type { MediaInput } from './media/local-file.js';

/** Fields holding one media link (or, inside `model_params`, a document link). */
type SingleMediaField = 'image_start' | 'image_end' | 'audio_url' | 'file_url';
/** Fields holding a list of media links. */
type MediaListField = 'image_urls' | 'video_urls' | 'audio_urls';

/** `string` → `MediaInput` where the field is a media field; objects of `model_params` are mapped the same way. */
type MediaValue<K, V> = K extends SingleMediaField
  ? Exclude<V, string> | MediaInput
  : K extends MediaListField
    ? V extends readonly string[]
      ? MediaInput[]
      : V
    : K extends 'voice_bindings'
      ? V extends Record<string, string>
        ? Record<string, MediaInput>
        : V
      : K extends 'model_params'
        ? V extends object
          ? { [P in keyof V]: MediaValue<P, V[P]> }
          : V
        : V;

/**
 * A model's parameters as the methods take them: every media field (`image_start`, `image_end`, `image_urls[i]`,
 * `video_urls[i]`, `audio_urls[i]`, `audio_url`, `model_params.voice_bindings` values, `model_params.file_url`)
 * accepts a {@link MediaInput} (a URL string or local media), which the SDK uploads; the request body always
 * carries URLs.
 */
export type WithMediaInputs<P> = P extends unknown ? { [K in keyof P]: MediaValue<K, P[K]> } : never;

/**
 * Options only novita offers, on the wan2.7 models (the ones it serves). EvoLink refuses them at run time with a
 * `ValidationError` naming the option.
 */
// A type alias, not an interface: intersected params must stay assignable to Record<string, unknown>.
export type NovitaOptions = {
  /** novita only: a watermark in the bottom-right corner of the video. @default false */
  watermark?: boolean | undefined;
};

/** Makes `model` optional: the method's default model is used when it is omitted. */
export type WithDefaultModel<P extends { model: string }> = Omit<P, 'model'> & { model?: P['model'] | undefined };

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * A union whose members refuse each other's fields: `{ image_start, generate_audio }` is a compile error even without
 * `model` (plain unions accept any field that some member has).
 */
export type Exclusive<T, All = T> = T extends unknown ? T & { [K in Exclude<KeysOfUnion<All>, keyof T>]?: never } : never;

/** Parameters of `client.textToVideo()`: `wan2.7-text-to-video` (default), `wan2.6-text-to-video` or `wan3.0-text-to-video`. */
export type TextToVideoParams = Exclusive<
  | (WithDefaultModel<WithMediaInputs<Wan27TextToVideoParams>> & NovitaOptions)
  | WithMediaInputs<Wan26TextToVideoParams>
  | WithMediaInputs<Wan30TextToVideoParams>
>;

/**
 * Parameters of `client.imageToVideo()`: `wan2.7-image-to-video` (default), `wan2.6-image-to-video`,
 * `wan2.6-image-to-video-flash` or `wan3.0-image-to-video`.
 */
export type ImageToVideoParams = Exclusive<
  | (WithDefaultModel<WithMediaInputs<Wan27ImageToVideoParams>> & NovitaOptions)
  | WithMediaInputs<Wan26ImageToVideoParams>
  | WithMediaInputs<Wan26ImageToVideoFlashParams>
  | WithMediaInputs<Wan30ImageToVideoParams>
>;

/**
 * Parameters of `client.referenceToVideo()`: `wan2.7-reference-video` (default), `wan2.6-reference-video`,
 * `wan2.6-reference-video-flash` or `wan3.0-reference-video`.
 */
export type ReferenceToVideoParams = Exclusive<
  | (WithDefaultModel<WithMediaInputs<Wan27ReferenceVideoParams>> & NovitaOptions)
  | WithMediaInputs<Wan26ReferenceVideoParams>
  | WithMediaInputs<Wan26ReferenceVideoFlashParams>
  | WithMediaInputs<Wan30ReferenceVideoParams>
>;

/** Parameters of `client.editVideo()`: `wan2.7-video-edit` (default). */
export type EditVideoParams = WithDefaultModel<WithMediaInputs<Wan27VideoEditParams>> & NovitaOptions;

/** Parameters of `client.generate()`: any of the twelve models, chosen by `model` (required). */
export type GenerateParams =
  | (WithMediaInputs<Wan27TextToVideoParams> & NovitaOptions)
  | (WithMediaInputs<Wan27ImageToVideoParams> & NovitaOptions)
  | (WithMediaInputs<Wan27ReferenceVideoParams> & NovitaOptions)
  | (WithMediaInputs<Wan27VideoEditParams> & NovitaOptions)
  | WithMediaInputs<Wan26TextToVideoParams>
  | WithMediaInputs<Wan26ImageToVideoParams>
  | WithMediaInputs<Wan26ImageToVideoFlashParams>
  | WithMediaInputs<Wan26ReferenceVideoParams>
  | WithMediaInputs<Wan26ReferenceVideoFlashParams>
  | WithMediaInputs<Wan30TextToVideoParams>
  | WithMediaInputs<Wan30ImageToVideoParams>
  | WithMediaInputs<Wan30ReferenceVideoParams>;
