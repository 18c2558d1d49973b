import { ValidationError } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import { isRecord } from '../internal/is-record.js';
import { type MediaSlot, isUploadable, mediaSlots, withValues } from '../media/fields.js';
import { MEDIA_FIELDS } from '../media/limits.js';
import { getModel, type ModelId } from '../models/registry.js';
import type { UploadMediaOptions } from './upload-media.js';

/** How local media of one call is resolved. */
export interface ResolveMediaOptions extends UploadMediaOptions {
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
 *    dimensions, aspect ratio, transparency); every problem is reported at once in one `ValidationError`;
 * 3. the files are hashed and uploaded, a few at a time; bytes this client uploaded before (and that live for at
 *    least another hour) are not uploaded again.
 * `params` is never changed; without local media it is returned as it is.
 */
export async function resolveMedia(params: unknown, options: ResolveMediaOptions): Promise<unknown> {
  const found = validateMedia(params, options);
  if (found === undefined) return params;
  const { modelId, locals, links } = found;
  if (locals.length === 0) return links.length === 0 ? params : withValues(params as Record<string, unknown>, links);
  const { uploadLocalMedia } = await import('./upload-media.js');
  return uploadLocalMedia(params as Record<string, unknown>, modelId, locals, links, options);
}

/** The media of a request, after step 1 of {@link resolveMedia}. */
export interface ValidatedMedia {
  modelId: ModelId;
  /** Local media to upload. */
  locals: MediaSlot[];
  /** `URL` objects, as the strings they become. */
  links: [MediaSlot['path'], unknown][];
}

/**
 * Step 1 of {@link resolveMedia}: validates the parameters with every piece of local media standing in as a
 * placeholder URL (throwing the create's own `ValidationError`, with a `fileFrom(…)` hint where a path was passed as
 * a string). `undefined` when there is nothing to resolve (no model, or no media values but URL strings).
 */
export function validateMedia(
  params: unknown,
  options: Pick<ResolveMediaOptions, 'defaultModel' | 'validate'>,
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
  if (locals.length === 0 && links.length === 0 && strays.length === 0) return undefined;

  const placeholders = locals.map((s, i): [MediaSlot['path'], unknown] => [s.path, `${PLACEHOLDER}${i}`]);
  try {
    options.validate(withValues(params, [...links, ...placeholders]));
  } catch (error) {
    throw error instanceof ValidationError ? withFileHints(error, strays) : error;
  }
  return { modelId, locals, links };
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
