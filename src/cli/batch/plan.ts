import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APIError, TaskFailedError, ValidationError } from '../../errors/index.js';
import type { GenerateParams } from '../../methods.js';
import type { GenerationJob } from '../../tasks/generate-many.js';
import { localMediaIn } from '../media-flags.js';
import type { BatchJob } from './jobs-file.js';
import type { BatchState, JobState } from './state-file.js';

/** What a run of the batch does with each job. */
export interface BatchPlan {
  /** Already saved by an earlier run. */
  skipped: { id: string; file: string }[];
  /** To run now: new submissions (with their attempt's idempotency key) and tasks to wait on (by id). */
  run: GenerationJob<GenerateParams>[];
}

/** Where a job's video goes. */
export function outputFile(outDir: string, id: string): string {
  return join(outDir, `${id}.mp4`);
}

/**
 * Decides each job from the state file: saved ones are skipped, submitted ones are waited on by task id, failed ones
 * get a new attempt (a new key), and the rest are submitted with their attempt's key (recorded as `pending` before
 * anything is sent, so a crash mid-submit replays the same key).
 */
export function planBatch(jobs: BatchJob[], state: BatchState, outDir: string, baseDir: string): BatchPlan {
  const plan: BatchPlan = { skipped: [], run: [] };
  for (const job of jobs) {
    const file = outputFile(outDir, job.id);
    const previous = state.get(job.id);
    if (previous?.status === 'done' && existsSync(file)) {
      plan.skipped.push({ id: job.id, file });
      continue;
    }
    if (previous?.taskId !== undefined && previous.status !== 'failed') {
      plan.run.push({ id: job.id, params: job.params as GenerateParams, taskId: previous.taskId });
      continue;
    }
    const attempt = previous === undefined ? 1 : previous.status === 'failed' ? previous.attempt + 1 : previous.attempt;
    state.set(job.id, { status: 'pending', attempt });
    const params = localMediaIn(job.params, job.model, baseDir).params as GenerateParams;
    plan.run.push({ id: job.id, params, idempotencyKey: state.idempotencyKey(job.id, attempt) });
  }
  return plan;
}

/**
 * The state after a job failed. A task that failed, or a create the API refused (a 4xx other than 408 and 429; a 409
 * means the job was changed since its key was first used), needs a new attempt; a task still running (a timeout, an interruption) is waited on again; a create that may have
 * reached the server is replayed with the same key.
 */
export function stateAfterFailure(previous: JobState, error: unknown, taskId: string | undefined): JobState {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TaskFailedError || error instanceof ValidationError)
    return { ...previous, status: 'failed', taskId, error: message };
  if (taskId !== undefined) return { ...previous, status: 'submitted', taskId, error: message };
  const refused = error instanceof APIError && error.status >= 400 && error.status < 500 && ![408, 429].includes(error.status);
  return { ...previous, status: refused ? 'failed' : 'pending', error: message };
}
