import {
  array,
  enum as enumOf,
  gte,
  int,
  lte,
  maxLength,
  minLength,
  number,
  optional,
  strictObject,
  string,
  superRefine,
  url,
} from 'zod/mini';
import { callbackHostProblem } from './callback-host.js';

export { isInternalHost, describeInternalHost } from './callback-host.js';
import { once } from './lazy.js';
import { described } from './zod-kit.js';

/** An absolute http(s) URL of a media file the server downloads. */
export const mediaUrl = once(() =>
  url({
    protocol: /^https?$/,
    error: 'must be an absolute http:// or https:// URL that downloads the file directly',
  }),
);

/** An array of media URLs. */
export const mediaUrls = once(() => array(mediaUrl()));

/**
 * `callback_url`: EvoLink calls it when the task completes, fails or is cancelled. HTTPS only, at most 2048
 * characters, and a public host: the host is normalised (IPv4 in any spelling, IPv6 forms that embed an IPv4,
 * trailing dots, case) and loopback, private, link-local, CGNAT, multicast and reserved addresses and internal-only
 * names are refused (see {@link describeInternalHost}). DNS names are not resolved.
 */
export const callbackUrl = once(() =>
  described(
    url({ protocol: /^https$/, error: 'must be an absolute https:// URL (EvoLink only calls back over HTTPS)' }).check(
      maxLength(2048, { error: 'must be at most 2048 characters' }),
      // zod still runs this when the URL check above failed, so it must accept any value without throwing.
      superRefine((value, ctx) => {
        const problem = callbackHostProblem(value);
        if (problem !== undefined)
          ctx.addIssue({ code: 'custom', message: `must use a public https:// host that EvoLink can reach: ${problem}` });
      }),
    ),
    'EvoLink POSTs the task here when it completes, fails or is cancelled: a public https:// URL, at most 2048 characters.',
  ),
);

/** Output resolution. `720p` is the server default; `1080p` costs more. */
export const quality = once(() =>
  described(
    enumOf(['720p', '1080p'], { error: 'must be "720p" or "1080p"' }),
    'Output resolution: 720p (server default) or 1080p (costs more).',
  ),
);

/** The aspect ratios wan2.6 and wan2.7 accept. */
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;

/** Output aspect ratio (server default `16:9`). */
export const aspectRatio = once(() =>
  described(
    enumOf(ASPECT_RATIOS, { error: 'must be one of "16:9", "9:16", "1:1", "4:3", "3:4"' }),
    'Output aspect ratio (server default 16:9).',
  ),
);

/** A whole number in `[min, max]`: one message for the wrong type or a fraction, and one per bound. */
export function wholeNumber(wrong: string, min: number, tooSmall: string, max: number, tooBig: string) {
  return number({ error: wrong }).check(int({ error: wrong }), gte(min, { error: tooSmall }), lte(max, { error: tooBig }));
}

/** A whole number of seconds in `[min, max]`. */
export function durationSeconds(min: number, max: number) {
  return wholeNumber(
    `must be a whole number of seconds from ${min} to ${max}`,
    min,
    `must be at least ${min} seconds`,
    max,
    `must be at most ${max} seconds`,
  );
}

/** wan2.7 seed: an integer from 1 to 2147483647 (0 is refused by EvoLink). */
export const seed = once(() =>
  described(
    wholeNumber(
      'must be an integer from 1 to 2147483647',
      1,
      'must be at least 1 (EvoLink does not accept 0)',
      2147483647,
      'must be at most 2147483647',
    ),
    'For reproducible results: an integer from 1 to 2147483647 (0 is refused by EvoLink).',
  ),
);

/** A prompt of at most `max` characters; `required` ones must not be empty. */
export function promptText(max: number, required: boolean) {
  const base = string({ error: 'must be a string' }).check(maxLength(max, { error: `must be at most ${max} characters` }));
  return required ? base.check(minLength(1, { error: 'must not be empty' })) : base;
}

/** Exactly one URL in an array (the API takes an array but supports a single element). */
export function singleUrlArray(what: string) {
  return array(mediaUrl()).check(
    minLength(1, { error: `needs exactly one ${what} URL` }),
    maxLength(1, { error: `takes exactly one ${what} URL` }),
  );
}

/** wan2.6 `model_params`: `shot_type` chooses one continuous shot or several. */
export const shotTypeParams = once(() =>
  strictObject({
    shot_type: optional(enumOf(['single', 'multi'], { error: 'must be "single" or "multi"' })),
  }),
);
