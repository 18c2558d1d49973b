import { boolean, enum as enumOf, literal, optional, union } from 'zod/mini';
import { ASPECT_RATIOS, callbackUrl, promptText, wholeNumber } from '../fragments.js';
import { once } from '../lazy.js';
import { described } from '../zod-kit.js';
import { SMART_DURATION, WAN30_MAX_DURATION, WAN30_PROMPT_MAX } from './limits.js';

const DURATION_ERROR = `must be ${SMART_DURATION} (smart duration) or a whole number of seconds from 2 to ${WAN30_MAX_DURATION}`;

/**
 * wan3.0 `duration`: "Any integer between 2 and 30" or "-1: smart duration". A union, so the JSON Schema says
 * exactly that (`anyOf`); the value is sent as it is.
 */
export const wan30Duration = once(() =>
  union([literal(SMART_DURATION), wholeNumber(DURATION_ERROR, 2, DURATION_ERROR, WAN30_MAX_DURATION, DURATION_ERROR)], {
    error: DURATION_ERROR,
  }),
);

/** Fields every wan3.0 model shares (the prompt's required-ness differs per model). */
export const wan30Common = once(() => ({
  /** Seconds, 2–30, or `-1` for smart duration (server default 5). */
  duration: described(optional(wan30Duration()), 'Seconds, 2–30, or -1 for smart duration (server default 5).'),
  /** `480p` (cheapest), `720p` (default, 2×) or `1080p` (4×). */
  quality: described(
    optional(enumOf(['480p', '720p', '1080p'], { error: 'must be "480p", "720p" or "1080p"' })),
    '480p (cheapest), 720p (default, 2×) or 1080p (4×).',
  ),
  /** `adaptive` (default: from the material and the prompt) or a fixed ratio. */
  aspect_ratio: described(
    optional(
      enumOf(['adaptive', ...ASPECT_RATIOS], { error: `must be one of "adaptive", ${ASPECT_RATIOS.map((o) => `"${o}"`).join(', ')}` }),
    ),
    'adaptive (default: from the material and the prompt) or a fixed ratio.',
  ),
  /** `true` (default): voices, effects and music; `false`: silent. Same price either way. */
  generate_audio: described(
    optional(boolean({ error: 'must be true or false' })),
    'true (default): voices, effects and music; false: silent. Same price either way.',
  ),
  /** For reproducible results: an integer from 0 to 2147483647 (random by default). */
  seed: described(
    optional(wholeNumber('must be an integer from 0 to 2147483647', 0, 'must be at least 0', 2147483647, 'must be at most 2147483647')),
    'For reproducible results: an integer from 0 to 2147483647 (random by default).',
  ),
  callback_url: optional(callbackUrl()),
}));

/** A required wan3.0 prompt (1–20,000 characters). */
export const wan30Prompt = once(() => promptText(WAN30_PROMPT_MAX, true));
/** An optional wan3.0 prompt (up to 20,000 characters). */
export const wan30OptionalPrompt = once(() => optional(promptText(WAN30_PROMPT_MAX, false)));
