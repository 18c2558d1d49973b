import * as z from 'zod';
import { defineModel, withRules } from '../define-model.js';
import { aspectRatio } from '../fragments.js';
import { lazySchema } from '../lazy.js';
import { shotTypeNeedsPromptExtend, wan26Generation } from './shared.js';

/** Schema of `wan2.6-text-to-video` requests. */
export const Wan26TextToVideoSchema = lazySchema(() =>
  withRules(
    z.strictObject({
      model: z.literal('wan2.6-text-to-video'),
      ...wan26Generation(),
      aspect_ratio: aspectRatio().optional(),
    }),
    [shotTypeNeedsPromptExtend],
  ),
);

/** Parameters of `wan2.6-text-to-video`. */
export type Wan26TextToVideoParams = z.input<typeof Wan26TextToVideoSchema>;

/** `wan2.6-text-to-video`: text to video, single or multi shot, optional mp3 driving audio. */
export const wan26TextToVideo = defineModel('wan2.6-text-to-video', 'text-to-video', Wan26TextToVideoSchema);
