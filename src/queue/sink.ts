import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { NodeWritableLike } from '../download/types.js';
import type { CompletedTask } from '../tasks/task.js';

/** The job a sink saves the result of. */
export interface SinkJob {
  id: string;
  tag: string | undefined;
  /** The job's `destination`, when it was given one. */
  destination: string | undefined;
}

/** Where a sink put a result. */
export interface SavedResult {
  /** A path, an object URL, a key: whatever tells the application where to find the file. Stored with the job. */
  location: string;
  bytes?: number | undefined;
}

/**
 * Saves a completed job's video. A worker completes the job only once `save` resolved, so `save` must be safe to run
 * again for the same job (a worker that dies after saving and before completing has its job saved once more).
 */
export interface ResultSink {
  save(task: CompletedTask, job: SinkJob, signal: AbortSignal): Promise<SavedResult>;
}

/**
 * Saves each video as `<dir>/<destination or id>.mp4`: downloaded to a temporary file of its own and renamed, so a
 * file at that path is always whole, even when two workers saved the same job.
 */
export function directorySink(dir: string): ResultSink {
  return {
    async save(task, job, signal) {
      await mkdir(dir, { recursive: true });
      const file = resolve(join(dir, `${job.destination ?? job.id}.mp4`));
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const saved = await task.download(temporary, { signal });
        await rename(temporary, file);
        return { location: file, bytes: saved.bytes };
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}

/**
 * Streams each video into a `Writable` you open (an object-storage upload stream, a socket…). `location` says where it
 * went, for the job's record. The stream must be safe to open again for the same job (see {@link ResultSink}).
 */
export function writableSink(
  open: (job: SinkJob) => NodeWritableLike | Promise<NodeWritableLike>,
  location: (job: SinkJob) => string,
): ResultSink {
  return {
    async save(task, job, signal) {
      const saved = await task.download(await open(job), { signal });
      return { location: location(job), bytes: saved.bytes };
    },
  };
}
