import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { QueueDeliveryError, withoutQuery } from './errors.js';
import type { ResultSink, SinkJob } from './sink.js';

/** Where one job's video is uploaded: a presigned PUT URL, and what to record as its location. */
export interface PresignedTarget {
  /** The presigned URL (S3, R2, GCS, Azure SAS…) that accepts a `PUT` of the file. */
  url: string;
  /** What the job records as where its file went. @default the URL without its query (no signature is stored) */
  location?: string | undefined;
  /** Headers the signature covers (Azure needs `x-ms-blob-type: BlockBlob`, for example). */
  headers?: Record<string, string> | undefined;
}

/** Options of {@link presignedUrlSink}. */
export interface PresignedUrlSinkOptions {
  /**
   * Gives the presigned URL for a job (a URL or a {@link PresignedTarget}). Called once the video is downloaded, so a
   * short-lived signature is fresh when the upload starts. Sign the same object key for the same job: a job saved
   * twice (its worker died after the upload) then overwrites one object.
   */
  presign: (job: SinkJob) => string | PresignedTarget | Promise<string | PresignedTarget>;
  /** `Content-Type` of the upload (part of the signature on some stores). @default 'video/mp4' */
  contentType?: string | undefined;
  /** Where the video waits between download and upload. @default the system's temporary directory */
  tempDir?: string | undefined;
}

function targetOf(given: string | PresignedTarget, jobId: string): PresignedTarget {
  const target = typeof given === 'string' ? { url: given } : given;
  const url = typeof target?.url === 'string' && URL.canParse(target.url) ? new URL(target.url) : undefined;
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new QueueDeliveryError(`presign() must give an http(s) URL for job "${jobId}" (or { url, location? }).`, {
      jobId,
      target: String(typeof given === 'string' ? given : target?.url),
    });
  }
  return target;
}

/**
 * Uploads each video to object storage with a `PUT` to a presigned URL: downloaded to a temporary file first, so the
 * upload carries a `Content-Length` (S3 and its kin refuse chunked uploads), then removed. Nothing but the file and the
 * headers you give is sent to the storage host (never the API key); the job records the object's URL without the
 * signature. A refused upload rejects with `QueueDeliveryError` and the job goes back to the queue for another try.
 */
export function presignedUrlSink(options: PresignedUrlSinkOptions): ResultSink {
  const contentType = options.contentType ?? 'video/mp4';
  return {
    async save(task, job, signal) {
      const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'evolink-wan-upload-'));
      try {
        const file = join(dir, `${randomBytes(6).toString('hex')}.mp4`);
        await task.download(file, { signal });
        const { size } = await stat(file);
        const target = targetOf(await options.presign(job), job.id);
        const shown = withoutQuery(target.url);
        let status: number;
        try {
          const response = await request(target.url, {
            method: 'PUT',
            body: createReadStream(file),
            headers: { ...target.headers, 'content-type': contentType, 'content-length': String(size) },
            signal,
          });
          status = response.statusCode;
          await response.body.dump();
        } catch (cause) {
          throw new QueueDeliveryError(`Uploading job "${job.id}"'s video to ${shown} failed: ${(cause as Error).message}.`, {
            jobId: job.id,
            target: shown,
            cause,
          });
        }
        if (status < 200 || status >= 300) {
          throw new QueueDeliveryError(
            `The storage refused job "${job.id}"'s video at ${shown}: HTTP ${status}. Check that presign() signs a PUT with this Content-Type (${contentType}) and a lifetime longer than the upload.`,
            { jobId: job.id, target: shown, status },
          );
        }
        return { location: target.location ?? shown, bytes: size };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
