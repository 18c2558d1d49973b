import * as z from 'zod';
import { callbackHostProblem } from './callback-host.js';

export { isInternalHost, describeInternalHost } from './callback-host.js';
import { once } from './lazy.js';

/** An absolute http(s) URL of a media file the server downloads. */
export const mediaUrl = once(() =>
  z.url({
    protocol: /^https?$/,
    error: 'must be an absolute http:// or https:// URL that downloads the file directly',
  }),
);

/** An array of media URLs. */
export const mediaUrls = once(() => z.array(mediaUrl()));

/**
 * `callback_url`: EvoLink calls it when the task completes, fails or is cancelled. HTTPS only, at most 2048
 * characters, and a public host: the host is normalised (IPv4 in any spelling, IPv6 forms that embed an IPv4,
 * trailing dots, case) and loopback, private, link-local, CGNAT, multicast and reserved addresses and internal-only
 * names are refused (see {@link describeInternalHost}). DNS names are not resolved.
 */
export const callbackUrl = once(() =>
  z
    .url({ protocol: /^https$/, error: 'must be an absolute https:// URL (EvoLink only calls back over HTTPS)' })
    .max(2048, { error: 'must be at most 2048 characters' })
    // zod still runs this when the URL check above failed, so it must accept any value without throwing.
    .superRefine((value, ctx) => {
      const problem = callbackHostProblem(value);
      if (problem !== undefined)
        ctx.addIssue({ code: 'custom', message: `must use a public https:// host that EvoLink can reach: ${problem}` });
    })
    .describe('EvoLink POSTs the task here when it completes, fails or is cancelled: a public https:// URL, at most 2048 characters.'),
);

/** Output resolution. `720p` is the server default; `1080p` costs more. */
export const quality = once(() =>
  z
    .enum(['720p', '1080p'], { error: 'must be "720p" or "1080p"' })
    .describe('Output resolution: 720p (server default) or 1080p (costs more).'),
);

/** The aspect ratios wan2.6 and wan2.7 accept. */
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;

/** Output aspect ratio (server default `16:9`). */
export const aspectRatio = once(() =>
  z
    .enum(ASPECT_RATIOS, { error: 'must be one of "16:9", "9:16", "1:1", "4:3", "3:4"' })
    .describe('Output aspect ratio (server default 16:9).'),
);

/** A whole number of seconds in `[min, max]`. */
export function durationSeconds(min: number, max: number) {
  return z
    .number({ error: `must be a whole number of seconds from ${min} to ${max}` })
    .int({ error: `must be a whole number of seconds from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min} seconds` })
    .max(max, { error: `must be at most ${max} seconds` });
}

/** wan2.7 seed: an integer from 1 to 2147483647 (0 is refused by EvoLink). */
export const seed = once(() =>
  z
    .number({ error: 'must be an integer from 1 to 2147483647' })
    .int({ error: 'must be an integer from 1 to 2147483647' })
    .min(1, { error: 'must be at least 1 (EvoLink does not accept 0)' })
    .max(2147483647, { error: 'must be at most 2147483647' })
    .describe('For reproducible results: an integer from 1 to 2147483647 (0 is refused by EvoLink).'),
);

/** A prompt of at most `max` characters; `required` ones must not be empty. */
export function promptText(max: number, required: boolean) {
  const base = z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });
  return required ? base.min(1, { error: 'must not be empty' }) : base;
}

/** Exactly one URL in an array (the API takes an array but supports a single element). */
export function singleUrlArray(what: string) {
  return z
    .array(mediaUrl())
    .min(1, { error: `needs exactly one ${what} URL` })
    .max(1, { error: `takes exactly one ${what} URL` });
}

/** wan2.6 `model_params`: `shot_type` chooses one continuous shot or several. */
export const shotTypeParams = once(() =>
  z.strictObject({
    shot_type: z.enum(['single', 'multi'], { error: 'must be "single" or "multi"' }).optional(),
  }),
);
