import { resolve } from 'node:path';
import type { WanClient } from '../../client.js';
import { ValidationError } from '../../errors/index.js';
import { formatPath } from '../../errors/validation-error.js';
import { MIN_REMAINING_LIFETIME_MS } from '../../files/upload-cache.js';
import type { GenerateParams } from '../../methods.js';
import { type MediaSlot, mediaSlots, withValues } from '../../media/fields.js';
import { inspectMedia, mediaProblems } from '../../media/inspect.js';
import { MEDIA_FIELDS } from '../../media/limits.js';
import { fileFrom } from '../../media/local-file.js';
import { toMediaSource } from '../../media/source.js';
import { isLink } from '../media-flags.js';
import type { BatchJob } from './jobs-file.js';
import { ownEntries, type RecordedUpload } from './state-file.js';

/** The media fields of a job that name a local file (as written in the jobs file). */
function localSlots(job: BatchJob): MediaSlot[] {
  return mediaSlots(job.params, MEDIA_FIELDS[job.model] ?? {}).filter((s) => typeof s.value === 'string' && !isLink(s.value));
}

/** The job's params with each local file as `fileFrom(path)`, for what needs the files but no upload (an estimate). */
export function withLocalFiles(job: BatchJob, baseDir: string): GenerateParams {
  const slots = localSlots(job);
  if (slots.length === 0) return job.params as GenerateParams;
  return withValues(
    job.params,
    slots.map((s): [MediaSlot['path'], unknown] => [s.path, fileFrom(resolve(baseDir, s.value as string))]),
  ) as GenerateParams;
}

/** `true` when the job names local files. */
export function hasLocalFiles(job: BatchJob): boolean {
  return localSlots(job).length > 0;
}

/** `true` while an upload lives long enough for a task that may wait in EvoLink's queue before it fetches it. */
function usable(upload: RecordedUpload | undefined, now: number): upload is RecordedUpload {
  return upload !== undefined && Date.parse(upload.expiresAt) - now >= MIN_REMAINING_LIFETIME_MS;
}

/** `true` when every local file of the job has a recorded upload that can still be sent (none needs a new upload). */
export function uploadsUsable(job: BatchJob, uploads: Record<string, RecordedUpload> | undefined, now = Date.now()): boolean {
  return localSlots(job).every((s) => usable(uploads?.[s.value as string], now));
}

/** Checks a local file against its field's limits (format, size, pixels), as the SDK does before it uploads. */
async function check(job: BatchJob, slot: MediaSlot, file: string): Promise<void> {
  const what = `${formatPath(slot.path)} (${slot.value as string})`;
  const facts = await inspectMedia(toMediaSource(fileFrom(file))).catch((error: unknown) => {
    throw new ValidationError([{ path: slot.path, code: 'unreadable_file', message: `${what}: ${(error as Error).message}` }], job.model);
  });
  const problems = mediaProblems(facts, slot.rule, what, job.model);
  if (problems.length)
    throw new ValidationError(
      problems.map((message) => ({ path: slot.path, code: 'invalid_media', message })),
      job.model,
    );
}

/**
 * The job's params with each local file replaced by the URL of its upload. Uploads recorded by an earlier run are
 * reused while they live; the others are checked, uploaded and recorded (`record`) before this returns, so that every
 * create sent with the job's idempotency key carries the same body, in this process or the next.
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
  const slots = localSlots(job);
  if (slots.length === 0) return job.params as GenerateParams;
  const uploads = ownEntries(options.recorded);
  const now = Date.now();
  for (const slot of slots) {
    const path = slot.value as string;
    if (usable(uploads[path], now)) continue;
    const file = resolve(options.baseDir, path);
    await check(job, slot, file);
    const uploaded = await options.client.files.upload(fileFrom(file), { signal: options.signal });
    uploads[path] = { url: uploaded.url, expiresAt: uploaded.expiresAt.toISOString() };
    options.record(uploads);
  }
  return withValues(
    job.params,
    slots.map((s): [MediaSlot['path'], unknown] => [s.path, uploads[s.value as string]!.url]),
  ) as GenerateParams;
}
