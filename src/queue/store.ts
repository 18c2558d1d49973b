import type { Task } from '../tasks/task.js';
import type { JobState, QueueStatus, StoredJob } from './types.js';

/** A job ready to be stored: its id, model, parameters (JSON text) and key. */
export type NewJob = Pick<StoredJob, 'id' | 'model' | 'paramsJson' | 'tag' | 'idempotencyKey' | 'destination' | 'uploadsExpireAt'>;

/** A job a worker holds: the stored job and its lease in the underlying queue. */
export interface TakenJob {
  job: StoredJob;
  lease: string;
}

/** What a worker may do with a job it wants to submit. */
export type SubmitClaim = { ok: true; job: StoredJob } | { ok: false; reason: 'model-busy' | 'settled' };

/**
 * The storage a queue runs on. One implementation now (pg-boss on PostgreSQL, pg-store.ts); the interface keeps the
 * worker independent of it, so another engine (BullMQ on Redis) can follow. Every method is safe to call from any
 * number of workers at once: the invariants (one key per job, the task id stored with the state that says the create
 * was answered, a job completed only once its result is saved) hold in the store, not in a process.
 */
export interface JobStore {
  /** Adds the jobs that are not there yet; returns the ids added. */
  add(jobs: NewJob[]): Promise<string[]>;
  /** Leases up to `limit` jobs that are queued or whose previous worker died (its lease expired). */
  take(limit: number): Promise<TakenJob[]>;
  /** Keeps leases alive; returns the queue's shared pause (epoch ms, 0 when none). */
  heartbeat(leases: string[]): Promise<number>;
  /**
   * Marks a queued (or `submitting`) job `submitting` before its create is sent, counting one attempt; with a
   * queue-wide limit for the job's model, only while fewer of that model's jobs are submitting or submitted.
   */
  claimSubmit(id: string, modelLimit: number | undefined): Promise<SubmitClaim>;
  /** Stores the task id and marks the job `submitted`, in one statement. */
  recordTask(id: string, taskId: string): Promise<void>;
  /** Marks the job completed with where its result went; `false` when it had already settled. */
  complete(id: string, result: { location: string; bytes: number | undefined }): Promise<boolean>;
  /** Settles the job as `failed` or `held` with the reason. */
  settle(id: string, state: Extract<JobState, 'failed' | 'held'>, reason: string, taskId?: string): Promise<void>;
  /** A create answered without a task (a 429): the attempt does not count towards the job's limit of unanswered creates. */
  refundAttempt(id: string): Promise<void>;
  /**
   * Ends a lease, deciding by the job's row: `done` when it is completed, failed or held; otherwise `retry`, and the job
   * goes back to the queue for any worker (after `retryDelaySeconds`), so no job is left without a lease.
   */
  release(lease: string, id: string): Promise<'done' | 'retry'>;
  /** Holds every worker on the queue off new requests for `ms` from now. */
  pause(ms: number): Promise<void>;
  /** Stores a verified callback's task and wakes the worker waiting on it. */
  recordCallback(task: Task): Promise<void>;
  /** The terminal task a verified callback reported, if one arrived. */
  callbackFor(taskId: string): Promise<Task | undefined>;
  /** Calls `listener(taskId)` whenever a callback is recorded (by any process); returns how to stop listening. */
  onCallback(listener: (taskId: string) => void): Promise<() => Promise<void>>;
  /** Queue-wide limits per model (in flight at once), as configured. */
  modelLimits(): Promise<Record<string, number>>;
  setModelLimits(limits: Record<string, number>): Promise<void>;
  status(): Promise<QueueStatus>;
  /** Every job, in the order they were added. */
  jobs(): Promise<StoredJob[]>;
  /** Database round trips made so far by this store (for measurements). */
  readonly roundTrips: number;
  close(): Promise<void>;
}
