import { FileUploadError, ValidationError, type ValidationIssue } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import { linkSignals } from '../internal/abort.js';
import { mapConcurrently } from '../internal/concurrency.js';
import { isRecord } from '../internal/is-record.js';
import { type MediaSlot, isUploadable, mediaSlots, withValues } from '../media/fields.js';
import { sha256Of } from '../media/hash.js';
import { mediaProblems } from '../media/inspect.js';
import { MEDIA_FIELDS } from '../media/limits.js';
import type { LocalMedia } from '../media/local-file.js';
import { LocalFileProblem, toMediaSource } from '../media/source.js';
import { getModel, type ModelId } from '../models/registry.js';
import { errorForAbort } from '../transport/abort-reasons.js';
import type { FilesApi } from './files-api.js';

/** How local media of one call is resolved. */
export interface ResolveMediaOptions {
  files: FilesApi;
  /** The model used when `params.model` is omitted. */
  defaultModel: ModelId | undefined;
  /** Validates the parameters (media replaced by placeholder URLs), throwing `ValidationError`; sends nothing. */
  validate: (params: Record<string, unknown>) => void;
  /** Uploads of one call running at once. */
  concurrency: number;
  signal: AbortSignal | undefined;
  /** Reports the bytes sent of each upload. */
  onProgress?: ((progress: { file: string; sent: number; total: number }) => void) | undefined;
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
  if (!isRecord(params)) return params;
  const model = getModel(params.model ?? options.defaultModel);
  if (!model) return params;
  const modelId = model.id as ModelId;
  const slots = mediaSlots(params, MEDIA_FIELDS[modelId] ?? {});
  const links = slots
    .filter((s) => s.value instanceof URL && !isUploadable(s.value))
    .map((s): [MediaSlot['path'], unknown] => [s.path, (s.value as URL).href]);
  const locals = slots.filter((s) => isUploadable(s.value));
  const strays = slots.filter((s) => typeof s.value === 'string' && !isHttpUrl(s.value));
  if (locals.length === 0 && links.length === 0 && strays.length === 0) return params;

  const placeholders = locals.map((s, i): [MediaSlot['path'], unknown] => [s.path, `${PLACEHOLDER}${i}`]);
  try {
    options.validate(withValues(params, [...links, ...placeholders]));
  } catch (error) {
    throw error instanceof ValidationError ? withFileHints(error, strays) : error;
  }
  if (locals.length === 0) return links.length === 0 ? params : withValues(params, links);
  const refusal = options.files.refusal;
  if (refusal !== undefined) {
    throw new ValidationError(
      locals.map((slot) => ({ path: slot.path, code: 'unsupported', message: `${formatPath(slot.path)} is local media: ${refusal}` })),
      modelId,
    );
  }

  const sources = locals.map((s) => toMediaSource(s.value as LocalMedia));
  const checked = await Promise.all(
    locals.map(async (slot, i) => {
      const what = `${formatPath(slot.path)} (${sources[i]!.label})`;
      try {
        const facts = await options.files.inspect(sources[i]!, slot.path);
        const issues = mediaProblems(facts, slot.rule, what, modelId).map(
          (message): ValidationIssue => ({ path: slot.path, code: 'invalid_media', message }),
        );
        return { facts, issues };
      } catch (error) {
        if (error instanceof ValidationError)
          return {
            facts: undefined,
            issues: error.issues.map((issue) => ({ ...issue, message: `${formatPath(slot.path)}: ${issue.message}` })),
          };
        throw error;
      }
    }),
  );
  const issues = checked.flatMap((c) => c.issues);
  if (issues.length > 0) throw new ValidationError(issues, modelId);

  // The first failed upload stops the others of this call.
  const linked = linkSignals([options.signal]);
  try {
    const urls = await mapConcurrently(locals, options.concurrency, async (_slot, i) => {
      const source = sources[i]!;
      const sha256 = await sha256Of(source, linked.signal).catch((error: unknown) => {
        // An abort while hashing (nothing was sent yet) is typed like any other.
        if (options.signal?.aborted) throw errorForAbort(options.signal.reason, { what: 'reading local media' }, false);
        throw error instanceof LocalFileProblem
          ? new FileUploadError(`Could not read ${source.label}: ${error.message}.`, { file: source.label, cause: error })
          : error;
      });
      const onProgress = options.onProgress && ((sent: number, total: number) => options.onProgress!({ file: source.label, sent, total }));
      return (await options.files.uploadOnce(source, checked[i]!.facts!, sha256, linked.signal, onProgress)).url;
    }).catch((error: unknown) => {
      linked.abort(error);
      throw error;
    });
    return withValues(params, [...links, ...locals.map((s, i): [MediaSlot['path'], unknown] => [s.path, urls[i]])]);
  } finally {
    linked.cleanup();
  }
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
