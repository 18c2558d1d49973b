import { ValidationError } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import { isRecord } from '../internal/is-record.js';
import { type MediaSlot, isUploadable, mediaSlots, type ValidatedMedia, withValues } from '../media/fields.js';
import { MEDIA_FIELDS } from '../media/limits.js';
import { getModel, type ModelId } from '../models/registry.js';
import type { CheckMediaOptions } from '../media/check.js';
import type { PreparedMedia } from './types.js';
import type { UploadMediaOptions } from './upload-media.js';

/** How local media of one call is resolved. */
export interface ResolveMediaOptions extends UploadMediaOptions, CheckMediaOptions {
  /** The model used when `params.model` is omitted. */
  defaultModel: ModelId | undefined;
  /** Validates the parameters (media replaced by placeholder URLs), throwing `ValidationError`; sends nothing. */
  validate: (params: Record<string, unknown>) => void;
}

const PLACEHOLDER = 'https://local-media.invalid/';
const isHttpUrl = (value: unknown): boolean => typeof value === 'string' && /^https?:\/\//i.test(value);

/**
 * Turns every piece of local media in a generation request into the URL of an upload, so that the body carries URLs
 * only. In order, and before anything is uploaded or billed:
 * 1. the other parameters are validated (local media stands in as a placeholder URL);
 * 2. each file's size and header bytes are checked against its field's limits for the model (format, size, pixel
 *    dimensions, aspect ratio, transparency, clip and sound lengths read from the container), and the request's
 *    length rules (continuation, totals); with `remote`, http(s) URLs too; every problem is reported at once in one
 *    `ValidationError`;
 * 3. the files are hashed and uploaded, a few at a time; bytes this client uploaded before (and that live for at
 *    least another hour) are not uploaded again.
 * `params` is never changed; without local media it is returned as it is. Also returns what was uploaded.
 */
export async function resolveMedia(params: unknown, options: ResolveMediaOptions): Promise<PreparedMedia<unknown>> {
  const found = validateMedia(params, options);
  if (found === undefined) return { params, uploads: [] };
  const { modelId, slots, locals, links } = found;
  if (locals.length === 0) {
    if (options.remote) await (await import('../media/check.js')).checkMedia(modelId, params as Record<string, unknown>, slots, options);
    return { params: links.length === 0 ? params : withValues(params as Record<string, unknown>, links), uploads: [] };
  }
  const { uploadLocalMedia } = await import('./upload-media.js');
  return uploadLocalMedia(params as Record<string, unknown>, found, options);
}

/**
 * Steps 1 and 2 of {@link resolveMedia}, nothing uploaded: validates `params` as the create would and reads its media,
 * throwing the same `ValidationError`s. Returns the measured length of each `video_urls` entry (`undefined` where it
 * is not known: a URL not checked, a container that could not be read), which makes the cost estimate exact.
 */
export async function measureMedia(
  params: unknown,
  options: Pick<ResolveMediaOptions, 'defaultModel' | 'validate' | 'remote' | 'log'>,
): Promise<(number | undefined)[]> {
  const found = validateMedia(params, options);
  if (found === undefined) options.validate(params as Record<string, unknown>); // nothing to resolve: the parameters as they are
  const given = isRecord(params) ? params : {};
  if (found === undefined) return Array.isArray(given.video_urls) ? given.video_urls.map(() => undefined) : [];
  const { checkMedia, clipSeconds } = await import('../media/check.js');
  return clipSeconds(given, await checkMedia(found.modelId, given, found.slots, options));
}

/**
 * Step 1 of {@link resolveMedia}: validates the parameters with every piece of local media standing in as a
 * placeholder URL (throwing the create's own `ValidationError`, with a `fileFrom(…)` hint where a path was passed as
 * a string). `undefined` when there is nothing to resolve (no model, or no media values but URL strings that are not
 * checked: `remote` unset).
 */
export function validateMedia(
  params: unknown,
  options: Pick<ResolveMediaOptions, 'defaultModel' | 'validate' | 'remote'>,
): ValidatedMedia | undefined {
  if (!isRecord(params)) return undefined;
  const model = getModel(params.model ?? options.defaultModel);
  if (!model) return undefined;
  const modelId = model.id as ModelId;
  const slots = mediaSlots(params, MEDIA_FIELDS[modelId] ?? {});
  const links = slots
    .filter((s) => s.value instanceof URL && !isUploadable(s.value))
    .map((s): [MediaSlot['path'], unknown] => [s.path, (s.value as URL).href]);
  const locals = slots.filter((s) => isUploadable(s.value));
  const strays = slots.filter((s) => typeof s.value === 'string' && !isHttpUrl(s.value));
  const remotes = options.remote ? slots.filter((s) => isHttpUrl(s.value)) : [];
  if (locals.length === 0 && links.length === 0 && strays.length === 0 && remotes.length === 0) return undefined;

  const placeholders = locals.map((s, i): [MediaSlot['path'], unknown] => [s.path, `${PLACEHOLDER}${i}`]);
  try {
    options.validate(withValues(params, [...links, ...placeholders]));
  } catch (error) {
    throw error instanceof ValidationError ? withFileHints(error, strays) : error;
  }
  return { modelId, slots, locals, links };
}

/** Adds "pass fileFrom(…)" to the issues about media fields that hold something other than a URL, such as a path. */
function withFileHints(error: ValidationError, strays: MediaSlot[]): ValidationError {
  if (strays.length === 0) return error;
  const issues = error.issues.map((issue) => {
    const stray = strays.find((s) => formatPath(s.path) === formatPath(issue.path));
    return stray ? { ...issue, message: `${issue.message}; for a local file pass fileFrom(${JSON.stringify(stray.value)})` } : issue;
  });
  return new ValidationError(issues, error.model);
}
