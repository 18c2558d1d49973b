import { type input, literal, strictObject } from 'zod/mini';
import { described } from '../zod-kit.js';
import { wan30Common, wan30Prompt } from './shared.js';

/** Builds the schema of `wan3.0-text-to-video` requests: the prompt alone, no media input of any kind. */
export const buildWan30TextToVideoSchema = () =>
  strictObject({
    model: literal('wan3.0-text-to-video'),
    /** Required, up to 20,000 characters. */
    prompt: described(wan30Prompt(), 'Required, up to 20,000 characters.'),
    ...wan30Common(),
  });

/** Parameters of `wan3.0-text-to-video`. */
export type Wan30TextToVideoParams = input<ReturnType<typeof buildWan30TextToVideoSchema>>;
