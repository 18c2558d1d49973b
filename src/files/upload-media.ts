import { FileUploadError, ValidationError, type ValidationIssue } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import { linkSignals } from '../internal/abort.js';
import { mapConcurrently } from '../internal/concurrency.js';
import { type MediaSlot, withValues } from '../media/fields.js';
import { sha256Of } from '../media/hash.js';
import { mediaProblems } from '../media/inspect.js';
import type { LocalMedia } from '../media/local-file.js';
import { LocalFileProblem, toMediaSource } from '../media/source.js';
import type { ModelId } from '../models/registry.js';
import { errorForAbort } from '../transport/error-for-abort.js';
import type { FilesApi } from './files-api.js';

/** How the local media of one call is checked and uploaded. */
export interface UploadMediaOptions {
  /** The client's files API, loaded on first use (only calls with local media need it). */
  files: () => Promise<FilesApi>;
  /** Uploads of one call running at once. */
  concurrency: number;
  signal: AbortSignal | undefined;
  /** Reports the bytes sent of each upload. */
  onProgress?: ((progress: { file: string; sent: number; total: number }) => void) | undefined;
}

/**
 * Steps 2 and 3 of `resolveMedia` (see there), for a call that has local media: checks every file against its
 * field's limits, then hashes and uploads them. Its own module, loaded by the first call with local media, so that
 * importing the SDK does not parse the upload code.
 */
export async function uploadLocalMedia(
  params: Record<string, unknown>,
  modelId: ModelId,
  locals: MediaSlot[],
  links: [MediaSlot['path'], unknown][],
  options: UploadMediaOptions,
): Promise<Record<string, unknown>> {
  const files = await options.files();
  const refusal = files.refusal;
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
        const facts = await files.inspect(sources[i]!, slot.path);
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
      return (await files.uploadOnce(source, checked[i]!.facts!, sha256, linked.signal, onProgress)).url;
    }).catch((error: unknown) => {
      linked.abort(error);
      throw error;
    });
    return withValues(params, [...links, ...locals.map((s, i): [MediaSlot['path'], unknown] => [s.path, urls[i]])]);
  } finally {
    linked.cleanup();
  }
}
