import { type input, literal, strictObject } from 'zod/mini';
import { generateAudio, wan26Reference } from './shared.js';

/** Builds the schema of `wan2.6-reference-video` requests. */
export const buildWan26ReferenceVideoSchema = () => strictObject({ model: literal('wan2.6-reference-video'), ...wan26Reference() });

/** Builds the schema of `wan2.6-reference-video-flash` requests: as `wan2.6-reference-video`, plus `generate_audio`. */
export const buildWan26ReferenceVideoFlashSchema = () =>
  strictObject({
    model: literal('wan2.6-reference-video-flash'),
    ...wan26Reference(),
    generate_audio: generateAudio(),
  });

/** Parameters of `wan2.6-reference-video`. */
export type Wan26ReferenceVideoParams = input<ReturnType<typeof buildWan26ReferenceVideoSchema>>;
/** Parameters of `wan2.6-reference-video-flash`. */
export type Wan26ReferenceVideoFlashParams = input<ReturnType<typeof buildWan26ReferenceVideoFlashSchema>>;
