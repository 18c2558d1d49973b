import { EvoLinkError, ValidationError } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import { linkSignals } from '../internal/abort.js';
import { mapConcurrently } from '../internal/concurrency.js';
import { type CheckMediaOptions, checkMedia } from '../media/check.js';
import { isUploadable, type MediaSlot, type ValidatedMedia, withValues } from '../media/fields.js';
import { errorForAbort } from '../transport/attempt-abort.js';
import type { FilesApi } from './files-api.js';
import type { PreparedMedia } from './types.js';

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
 * field's limits and the request's length rules (`checkMedia`), then uploads them (each file read once, as it is sent). Its own module, loaded by the first call with local media, so that
 * importing the SDK does not parse the upload code.
 */
export async function uploadLocalMedia(
  params: Record<string, unknown>,
  { modelId, slots, locals, links }: ValidatedMedia,
  options: UploadMediaOptions & CheckMediaOptions,
): Promise<PreparedMedia<Record<string, unknown>>> {
  const files = await options.files();
  const refusal = files.refusal;
  if (refusal !== undefined) {
    throw new ValidationError(
      locals.map((slot) => ({ path: slot.path, code: 'unsupported', message: `${formatPath(slot.path)} is local media: ${refusal}` })),
      modelId,
    );
  }

  const checked = await checkMedia(modelId, params, slots, { log: options.log, remote: options.remote });
  const uploads = checked.filter((c) => isUploadable(c.slot.value));

  // The first failed upload stops the others of this call.
  const linked = linkSignals([options.signal]);
  try {
    const uploaded = await mapConcurrently(uploads, options.concurrency, async ({ source, facts }) => {
      const onProgress = options.onProgress && ((sent: number, total: number) => options.onProgress!({ file: source.label, sent, total }));
      return files.uploadOnce(source, facts!, linked.signal, onProgress).catch((error: unknown) => {
        // An abort while the file was read before sending (to compare it with a same-sized upload) is typed like any other.
        if (!(error instanceof EvoLinkError) && options.signal?.aborted) {
          throw errorForAbort(options.signal.reason, { what: 'reading local media' }, false);
        }
        throw error;
      });
    }).catch((error: unknown) => {
      linked.abort(error);
      throw error;
    });
    return {
      params: withValues(params, [...links, ...uploads.map((c, i): [MediaSlot['path'], unknown] => [c.slot.path, uploaded[i]!.url])]),
      uploads: uploads.map((c, i) => ({ field: formatPath(c.slot.path), source: c.source.label, file: uploaded[i]! })),
    };
  } finally {
    linked.cleanup();
  }
}
