import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../exit-codes.js';

/** Name of the state file, in the output folder. */
export const STATE_FILE = 'evolink-wan-batch.json';

/**
 * Where a job stands. `pending`: about to be (or maybe already) submitted with the idempotency key of its attempt, so
 * a rerun sends the same key and gets the same task. `submitted`: its task id is known; a rerun waits on it.
 * `done`: saved. `failed`: the task failed, or the request was refused; a rerun submits a new attempt. `attention`: a
 * task may exist for the attempt's key but its create cannot be replayed; a rerun leaves the job alone and says why.
 */
export interface JobState {
  status: 'pending' | 'submitted' | 'done' | 'failed' | 'attention';
  attempt: number;
  /** The attempt's local files, uploaded before its create: a replay sends the same URLs, so the same body. */
  uploads?: Record<string, RecordedUpload> | undefined;
  /** `false` until the attempt's create is sent (a state without it, from an older version, may have sent one). */
  sent?: boolean | undefined;
  taskId?: string | undefined;
  file?: string | undefined;
  error?: string | undefined;
}

/** A local file of a job (by its path in the jobs file), uploaded: the URL sent, and when EvoLink deletes it. */
export interface RecordedUpload {
  url: string;
  /** ISO 8601. */
  expiresAt: string;
}

interface StateData {
  version: 1;
  /** Random, made on the first run: keeps this batch's idempotency keys apart from any other batch's. */
  batch: string;
  jobs: Record<string, JobState>;
}

/**
 * The batch's state file, rewritten after every change: written to a temporary file and renamed, so a crash (or
 * `kill -9`) leaves either the old or the new state, never half of one.
 */
export class BatchState {
  readonly path: string;
  readonly #data: StateData;

  private constructor(path: string, data: StateData) {
    this.path = path;
    this.#data = data;
  }

  /** Opens the state in `outDir` (created when missing), or starts a new one. */
  static open(outDir: string): BatchState {
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, STATE_FILE);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    if (text === undefined) return new BatchState(path, { version: 1, batch: randomBytes(6).toString('hex'), jobs: {} });
    try {
      const data = JSON.parse(text) as StateData;
      if (data.version === 1 && typeof data.batch === 'string' && data.jobs && typeof data.jobs === 'object')
        return new BatchState(path, data);
    } catch {
      // reported below
    }
    throw new UsageError(`${path} is not a batch state file this version understands; move it away to start the batch afresh.`);
  }

  /** The job's state, if it was seen before. */
  get(id: string): JobState | undefined {
    return this.#data.jobs[id];
  }

  /** Records a job's new state and saves the file. */
  set(id: string, state: JobState): void {
    this.#data.jobs[id] = state;
    this.save();
  }

  /**
   * The `Idempotency-Key` of a job's attempt: the batch's random id, the attempt and the job id (at most 85 of the
   * 16–96 characters EvoLink allows). The same on every run of this batch, so a job whose create may have been sent
   * gets its task back instead of a second one.
   */
  idempotencyKey(id: string, attempt: number): string {
    return `ewb-${this.#data.batch}-${attempt}-${id}`;
  }

  save(): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.#data, null, 2)}\n`);
    renameSync(temporary, this.path);
  }
}
