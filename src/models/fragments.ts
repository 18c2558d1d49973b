import * as z from 'zod';
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

const PRIVATE_IPV4 = [/^127\./, /^10\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^169\.254\./, /^0\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/** `true` for hosts EvoLink refuses to call back: loopback, private, link-local and unique-local addresses. */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0') return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return PRIVATE_IPV4.some((re) => re.test(host));
  if (host.includes(':')) {
    return host === '::1' || host === '::' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host) || /^::ffff:/.test(host);
  }
  return false;
}

/**
 * `callback_url`: EvoLink calls it when the task completes, fails or is cancelled. HTTPS only, at most 2048
 * characters, and never a loopback or private-network host (the server rejects those).
 */
export const callbackUrl = once(() =>
  z
    .url({ protocol: /^https$/, error: 'must be an absolute https:// URL (EvoLink only calls back over HTTPS)' })
    .max(2048, { error: 'must be at most 2048 characters' })
    // zod still runs this when the URL check above failed, so an unparseable value must not throw here.
    .refine((value) => !URL.canParse(value) || !isInternalHost(new URL(value).hostname), {
      error: 'must be a public host: EvoLink refuses loopback and private-network addresses (127.x, 10.x, 172.16–31.x, 192.168.x, localhost, ::1)',
    }),
);

/** Output resolution. `720p` is the server default; `1080p` costs more. */
export const quality = once(() => z.enum(['720p', '1080p'], { error: 'must be "720p" or "1080p"' }));

/** The aspect ratios wan2.6 and wan2.7 accept. */
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;

/** Output aspect ratio (server default `16:9`). */
export const aspectRatio = once(() => z.enum(ASPECT_RATIOS, { error: 'must be one of "16:9", "9:16", "1:1", "4:3", "3:4"' }));

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
    .max(2147483647, { error: 'must be at most 2147483647' }),
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
