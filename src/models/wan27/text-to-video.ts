import * as z from 'zod';
import { aspectRatio, durationSeconds, singleUrlArray } from '../fragments.js';
import { wan27Common, wan27Prompt } from './shared.js';

/** Builds the schema of `wan2.7-text-to-video` requests. Multi-shot is asked for in the prompt ("Shot 1 [0-3s] …"). */
export const buildWan27TextToVideoSchema = () =>
  z.strictObject({
    model: z.literal('wan2.7-text-to-video'),
    prompt: wan27Prompt(),
    ...wan27Common(),
    /** Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB. Omitted: the model adds music and effects. */
    audio_urls: singleUrlArray('audio')
      .optional()
      .describe('Driving audio: exactly one wav/mp3 of 2–30 s, ≤ 15 MB. Omitted: the model adds music and effects.'),
    aspect_ratio: aspectRatio().optional(),
    /** Whole seconds, 2–15 (server default 5). */
    duration: durationSeconds(2, 15).optional().describe('Whole seconds, 2–15 (server default 5).'),
  });

/** Parameters of `wan2.7-text-to-video`. */
export type Wan27TextToVideoParams = z.input<ReturnType<typeof buildWan27TextToVideoSchema>>;
