import * as z from 'zod';
import { defineModel } from '../define-model.js';
import { lazySchema } from '../lazy.js';
import { wan30Common, wan30Prompt } from './shared.js';

/** Schema of `wan3.0-text-to-video` requests: the prompt alone, no media input of any kind. */
export const Wan30TextToVideoSchema = lazySchema(() =>
  z.strictObject({
    model: z.literal('wan3.0-text-to-video'),
    /** Required, up to 20,000 characters. */
    prompt: wan30Prompt().describe('Required, up to 20,000 characters.'),
    ...wan30Common(),
  }),
);

/** Parameters of `wan3.0-text-to-video`. */
export type Wan30TextToVideoParams = z.input<typeof Wan30TextToVideoSchema>;

/** `wan3.0-text-to-video`: text to video of up to 30 seconds, or smart duration (`duration: -1`). */
export const wan30TextToVideo = defineModel('wan3.0-text-to-video', 'text-to-video', Wan30TextToVideoSchema);
