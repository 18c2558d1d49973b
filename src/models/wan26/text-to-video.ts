import * as z from 'zod';
import { withRules } from '../define-model.js';
import { aspectRatio } from '../fragments.js';
import { shotTypeNeedsPromptExtend, wan26Generation } from './shared.js';

/** Builds the schema of `wan2.6-text-to-video` requests. */
export const buildWan26TextToVideoSchema = () =>
  withRules(
    z.strictObject({
      model: z.literal('wan2.6-text-to-video'),
      ...wan26Generation(),
      aspect_ratio: aspectRatio().optional(),
    }),
    [shotTypeNeedsPromptExtend],
  );

/** Parameters of `wan2.6-text-to-video`. */
export type Wan26TextToVideoParams = z.input<ReturnType<typeof buildWan26TextToVideoSchema>>;
