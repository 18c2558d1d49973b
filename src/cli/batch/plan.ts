import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APIError, TaskFailedError, ValidationError } from '../../errors/index.js';
import type { GenerateParams } from '../../methods.js';
import type { GenerationJob } from '../../tasks/generate-many.js';
import { uploadsUsable } from './job-uploads.js';
import type { BatchJob } from './jobs-file.js';
import type { BatchState, JobState } from './state-file.js';

/** What a run of the batch does with each job. */
export interface BatchPlan {
  /** Already saved by an earlier run. */
  skipped: { id: string; file: string }[];
  /** Left alone: a task may exist for their key and their create cannot be sent again as it was (why, what to do). */
  held: { id: string; reason: string }[];
  /** Left alone: their task failed with an error that resubmitting the same request cannot fix (`--retry-failed` sends them). */
  left: { id: string; reason: string }[];
  /** To run now: new submissions (with their attempt's idempotency key) and tasks to wait on (by id). */
  run: GenerationJob<GenerateParams>[];
}

/** Where a job's video goes. */
export function outputFile(outDir: string, id: string): string {
  return join(outDir, `${id}.mp4`);
}

/** Why a job in `attention` is left alone, and how to go on without a second bill. */
export function attentionReason(state: BatchState, id: string, outDir: string): string {
  const job = state.get(id);
  const key = state.idempotencyKey(id, job?.attempt ?? 1);
  return (
    `${job?.error ?? 'a task may exist for it'} (idempotency key ${key}). Not submitted again, so nothing is billed twice. ` +
    `If a task was created for it (see your EvoLink dashboard), save it with: evolink-wan wait <task-id> -o ${outputFile(outDir, id)}; ` +
    `if none was, set its "status" to "failed" in ${state.path} and run the batch again to submit it with a new key.`
  );
}

/**
 * Decides each job from the state file: saved ones are skipped, submitted ones are waited on by task id, failed ones
 * get a new attempt (a new key) unless their task error is not retryable (then only with `retryFailed`), and the rest are submitted with their attempt's key (recorded as `pending` before
 * anything is sent, so a crash mid-submit replays the same key, with the same uploads). A create that may have been
 * sent but whose uploads expired cannot be replayed: that job is held (`attention`), never given a new key silently.
 */
export function planBatch(jobs: BatchJob[], state: BatchState, outDir: string, options: { retryFailed?: boolean } = {}): BatchPlan {
  const plan: BatchPlan = { skipped: [], held: [], left: [], run: [] };
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
    if (previous?.status === 'failed' && previous.retryable === false && !options.retryFailed) {
      // A new attempt is a new billed task, and this one would fail the same way.
      const reason = `not submitted again: its task failed in a way the same request cannot fix (${previous.error}); change the job, then run with --retry-failed`;
      plan.left.push({ id: job.id, reason });
      continue;
    }
    const replay = previous !== undefined && previous.status !== 'failed';
    if (replay && previous.status !== 'attention' && previous.sent !== false && !uploadsUsable(job, previous.uploads)) {
      const error =
        'its create may have been sent, but the files uploaded for it expire within the hour, so it cannot be sent again as it was';
      state.set(job.id, { ...previous, status: 'attention', error });
    }
    if (state.get(job.id)?.status === 'attention') {
      plan.held.push({ id: job.id, reason: attentionReason(state, job.id, outDir) });
      continue;
    }
    const attempt = replay ? previous.attempt : (previous?.attempt ?? 0) + 1;
    state.set(job.id, replay ? { ...previous, status: 'pending' } : { status: 'pending', attempt, sent: false });
    plan.run.push({ id: job.id, params: job.params as GenerateParams, idempotencyKey: state.idempotencyKey(job.id, attempt) });
  }
  return plan;
}

/**
 * The state after a job failed. A task that failed, or a create the API refused (a 4xx other than 408, 409 and 429),
 * needs a new attempt; a task still running (a timeout, an interruption) is waited on again; a create that may have
 * reached the server is replayed with the same key. A 409 on a sent create means the server holds a different request
 * under the job's key, so a task may exist: the job needs attention, never a new key (that could bill it twice).
 */
export function stateAfterFailure(previous: JobState, error: unknown, taskId: string | undefined): JobState {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TaskFailedError) return { ...previous, status: 'failed', taskId, error: message, retryable: error.retryable };
  if (error instanceof ValidationError) return { ...previous, status: 'failed', taskId, error: message, retryable: undefined };
  if (taskId !== undefined) return { ...previous, status: 'submitted', taskId, error: message };
  if (error instanceof APIError && error.status === 409 && previous.sent !== false) {
    const error = `the server holds a different request under this job's idempotency key, so a task may exist for it (${message})`;
    return { ...previous, status: 'attention', error };
  }
  const refused = error instanceof APIError && error.status >= 400 && error.status < 500 && ![408, 409, 429].includes(error.status);
  return { ...previous, status: refused ? 'failed' : 'pending', error: message };
}
