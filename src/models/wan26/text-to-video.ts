import { type input, literal, optional, strictObject } from 'zod/mini';
import { withRules } from '../define-model.js';
import { aspectRatio } from '../fragments.js';
import { shotTypeNeedsPromptExtend, wan26Generation } from './shared.js';

/** Builds the schema of `wan2.6-text-to-video` requests. */
export const buildWan26TextToVideoSchema = () =>
  withRules(
    strictObject({
      model: literal('wan2.6-text-to-video'),
      ...wan26Generation(),
      aspect_ratio: optional(aspectRatio()),
    }),
    [shotTypeNeedsPromptExtend],
  );

/** Parameters of `wan2.6-text-to-video`. */
export type Wan26TextToVideoParams = input<ReturnType<typeof buildWan26TextToVideoSchema>>;
