import { resolve } from 'node:path';
import type { WanClient } from '../../client.js';
import { MIN_REMAINING_LIFETIME_MS } from '../../files/upload-cache.js';
import { fileFrom } from '../../index.js';
import type { GenerateParams } from '../../methods.js';
import { localPathsIn, mapLocalPaths } from '../media-flags.js';
import type { BatchJob } from './jobs-file.js';
import { ownEntries, type RecordedUpload } from './state-file.js';

/** The job's params with each local file as `fileFrom(path)`, for what needs the files but no upload (an estimate). */
export function withLocalFiles(job: BatchJob, baseDir: string): GenerateParams {
  return mapLocalPaths(job.params, job.model, (path) => fileFrom(resolve(baseDir, path))) as GenerateParams;
}

/** `true` when the job names local files. */
export function hasLocalFiles(job: BatchJob): boolean {
  return localPathsIn(job.params, job.model).length > 0;
}

/** `true` while an upload lives long enough for a task that may wait in EvoLink's queue before it fetches it. */
function usable(upload: RecordedUpload | undefined, now: number): upload is RecordedUpload {
  return upload !== undefined && Date.parse(upload.expiresAt) - now >= MIN_REMAINING_LIFETIME_MS;
}

/** `true` when every local file of the job has a recorded upload that can still be sent (none needs a new upload). */
export function uploadsUsable(job: BatchJob, uploads: Record<string, RecordedUpload> | undefined, now = Date.now()): boolean {
  return localPathsIn(job.params, job.model).every((path) => usable(uploads?.[path], now));
}

/**
 * The job's params with each local file replaced by the URL of its upload. Uploads recorded by an earlier run are
 * reused while they live; the other files go through `client.prepareMedia` (validated, checked against their field's
 * limits, uploaded) and are recorded (`record`) before this returns, so that every create sent with the job's
 * idempotency key carries the same body, in this process or the next.
 */
export async function withUploads(
  job: BatchJob,
  options: {
    client: WanClient;
    baseDir: string;
    recorded: Record<string, RecordedUpload> | undefined;
    record: (uploads: Record<string, RecordedUpload>) => void;
    signal: AbortSignal;
  },
): Promise<GenerateParams> {
  const uploads = ownEntries(options.recorded);
  const now = Date.now();
  // The SDK labels each upload with the path given to `fileFrom`: this maps it back to the jobs file's spelling.
  const pathOf = new Map<string, string>();
  const params = mapLocalPaths(job.params, job.model, (path) => {
    if (usable(uploads[path], now)) return uploads[path].url;
    const file = resolve(options.baseDir, path);
    pathOf.set(file, path);
    return fileFrom(file);
  });
  if (pathOf.size === 0) return params as GenerateParams;
  const prepared = await options.client.prepareMedia(params as GenerateParams, { signal: options.signal });
  for (const upload of prepared.uploads) {
    const path = pathOf.get(upload.source);
    if (path !== undefined) uploads[path] = { url: upload.file.url, expiresAt: upload.file.expiresAt.toISOString() };
  }
  options.record(uploads);
  return prepared.params;
}
