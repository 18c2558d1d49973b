import { type input, literal, optional, strictObject } from 'zod/mini';
import { aspectRatio, durationSeconds, singleUrlArray } from '../fragments.js';
import { described } from '../zod-kit.js';
import { wan27Common, wan27Prompt } from './shared.js';

/** Builds the schema of `wan2.7-text-to-video` requests. Multi-shot is asked for in the prompt ("Shot 1 [0-3s] …"). */
export const buildWan27TextToVideoSchema = () =>
  strictObject({
    model: literal('wan2.7-text-to-video'),
    prompt: wan27Prompt(),
    ...wan27Common(),
    /** Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB. Omitted: the model adds music and effects. */
    audio_urls: described(
      optional(singleUrlArray('audio')),
      'Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB. Omitted: the model adds music and effects.',
    ),
    aspect_ratio: optional(aspectRatio()),
    /** Whole seconds, 2–15 (server default 5). */
    duration: described(optional(durationSeconds(2, 15)), 'Whole seconds, 2–15 (server default 5).'),
  });

/** Parameters of `wan2.7-text-to-video`. */
export type Wan27TextToVideoParams = input<ReturnType<typeof buildWan27TextToVideoSchema>>;
