import type { GenerateParams } from '../methods.js';

/** Where a queue job stands. `submitting`: its create may have been sent (with the job's key); `submitted`: its task id is stored. */
export type JobState = 'queued' | 'submitting' | 'submitted' | 'completed' | 'failed' | 'held';

/**
 * One job of a queue: what `client.generateMany()` takes (an `id`, the model's parameters, an optional `tag` and
 * `idempotencyKey`), plus where its result goes.
 */
export interface QueueJob {
  /** Unique within the queue: adding a job whose id is already there adds nothing. 1–200 characters. */
  id: string;
  /** The parameters, as for `client.generate()` (`model` required). Media must be URLs: upload local files first (the CLI's `queue add` does). */
  params: GenerateParams;
  /** Your label for the job (a customer, a campaign); kept with it and given back in results and events. */
  tag?: string | undefined;
  /** `Idempotency-Key` of the job's create. @default derived from the queue's name and the job's id */
  idempotencyKey?: string | undefined;
  /** Where the sink saves the result (a file name, an object key); the sink decides what it means. @default the job's id */
  destination?: string | undefined;
  /** When the earliest uploaded file among the job's media expires: a create not yet sent after that is held. */
  uploadsExpireAt?: Date | undefined;
}

/** A job as the queue stores it. */
export interface StoredJob {
  id: string;
  model: string;
  /** The parameters as JSON text: a replay sends exactly the body the first create sent. */
  paramsJson: string;
  tag: string | undefined;
  idempotencyKey: string;
  destination: string | undefined;
  uploadsExpireAt: Date | undefined;
  state: JobState;
  taskId: string | undefined;
  /** Creates started for the job (replays of the same key included). */
  attempts: number;
  /** Why it failed or is held. */
  reason: string | undefined;
  /** Where the sink put the result, once completed. */
  location: string | undefined;
  bytes: number | undefined;
  updatedAt: Date;
}

/** Counts by state, with the reason of each failed or held job. */
export interface QueueStatus {
  queued: number;
  /** Submitting or waiting on their task. */
  active: number;
  completed: number;
  failed: number;
  held: number;
  /** Failed and held jobs, with why. */
  problems: { id: string; state: 'failed' | 'held'; reason: string; taskId: string | undefined }[];
  /** Epoch ms until which every worker holds off new requests (a 429's `Retry-After`), or `undefined`. */
  pausedUntil: number | undefined;
}
