import * as z from 'zod';
import { wan30Common, wan30Prompt } from './shared.js';

/** Builds the schema of `wan3.0-text-to-video` requests: the prompt alone, no media input of any kind. */
export const buildWan30TextToVideoSchema = () =>
  z.strictObject({
    model: z.literal('wan3.0-text-to-video'),
    /** Required, up to 20,000 characters. */
    prompt: wan30Prompt().describe('Required, up to 20,000 characters.'),
    ...wan30Common(),
  });

/** Parameters of `wan3.0-text-to-video`. */
export type Wan30TextToVideoParams = z.input<ReturnType<typeof buildWan30TextToVideoSchema>>;
