import { boolean, optional } from 'zod/mini';
import { callbackUrl, promptText, quality, seed } from '../fragments.js';
import { once } from '../lazy.js';
import { described } from '../zod-kit.js';

/** Fields every wan2.7 model shares (the prompt's required-ness differs per model). */
export const wan27Common = once(() => ({
  /** What to avoid, up to 500 characters. */
  negative_prompt: described(optional(promptText(500, false)), 'What to avoid, up to 500 characters.'),
  quality: optional(quality()),
  seed: optional(seed()),
  /** Prompt rewriting; server default `false`. */
  prompt_extend: described(optional(boolean({ error: 'must be true or false' })), 'Prompt rewriting; server default false.'),
  callback_url: optional(callbackUrl()),
}));

/** A required wan2.7 prompt (up to 5000 characters). */
export const wan27Prompt = once(() => described(promptText(5000, true), 'What to generate, up to 5000 characters.'));
/** An optional wan2.7 prompt. */
export const wan27OptionalPrompt = once(() => described(optional(promptText(5000, false)), 'What to generate, up to 5000 characters.'));
