import * as z from 'zod';
import { callbackUrl, promptText, quality, seed } from '../fragments.js';
import { once } from '../lazy.js';

/** Fields every wan2.7 model shares (the prompt's required-ness differs per model). */
export const wan27Common = once(() => ({
  /** What to avoid, up to 500 characters. */
  negative_prompt: promptText(500, false).optional().describe('What to avoid, up to 500 characters.'),
  quality: quality().optional(),
  seed: seed().optional(),
  /** Prompt rewriting; server default `false`. */
  prompt_extend: z.boolean({ error: 'must be true or false' }).optional().describe('Prompt rewriting; server default false.'),
  callback_url: callbackUrl().optional(),
}));

/** A required wan2.7 prompt (up to 5000 characters). */
export const wan27Prompt = once(() => promptText(5000, true).describe('What to generate, up to 5000 characters.'));
/** An optional wan2.7 prompt. */
export const wan27OptionalPrompt = once(() => promptText(5000, false).optional().describe('What to generate, up to 5000 characters.'));
