import * as z from 'zod';
import { defineModel } from '../define-model.js';
import { lazySchema } from '../lazy.js';
import { generateAudio, wan26Reference } from './shared.js';

/** Schema of `wan2.6-reference-video` requests. */
export const Wan26ReferenceVideoSchema = lazySchema(() =>
  z.strictObject({ model: z.literal('wan2.6-reference-video'), ...wan26Reference() }),
);

/** Schema of `wan2.6-reference-video-flash` requests: as `wan2.6-reference-video`, plus `generate_audio`. */
export const Wan26ReferenceVideoFlashSchema = lazySchema(() =>
  z.strictObject({
    model: z.literal('wan2.6-reference-video-flash'),
    ...wan26Reference(),
    generate_audio: generateAudio(),
  }),
);

/** Parameters of `wan2.6-reference-video`. */
export type Wan26ReferenceVideoParams = z.input<typeof Wan26ReferenceVideoSchema>;
/** Parameters of `wan2.6-reference-video-flash`. */
export type Wan26ReferenceVideoFlashParams = z.input<typeof Wan26ReferenceVideoFlashSchema>;

/** `wan2.6-reference-video`: 1–3 reference clips give the characters' look and voice. */
export const wan26ReferenceVideo = defineModel('wan2.6-reference-video', 'reference-video', Wan26ReferenceVideoSchema);

/** `wan2.6-reference-video-flash`: faster, cheaper; optionally silent. */
export const wan26ReferenceVideoFlash = defineModel('wan2.6-reference-video-flash', 'reference-video', Wan26ReferenceVideoFlashSchema);
