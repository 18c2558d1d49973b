import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../internal/is-record.js';
import { UsageError } from '../exit-codes.js';
import { BatchLock, LOCK_FILE } from './batch-lock.js';

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
  /**
   * The attempt's local files, uploaded before its create: a replay sends the same URLs, so the same body. Keyed by
   * the path as written in the jobs file (a null-prototype object: a file may be named `__proto__`).
   */
  uploads?: Record<string, RecordedUpload> | undefined;
  /** `false` for a task error that resubmitting cannot fix (a policy violation): not resubmitted without `--retry-failed`. */
  retryable?: boolean | undefined;
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
  /** By job id: a Map, since job ids are the user's strings and may be `__proto__` or `constructor`. */
  jobs: Map<string, JobState>;
}

/** A copy of `record`'s own entries in a null-prototype object, where every key (`__proto__` too) is plain data. */
export function ownEntries<T>(record: Readonly<Record<string, T>> | undefined): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

/** The state file's text as data, or `undefined` when it is not a state file of this version. */
function parseState(text: string): StateData | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== 1 || typeof value.batch !== 'string' || !isRecord(value.jobs)) return undefined;
  const jobs = new Map<string, JobState>();
  // Object.entries reads own keys only: a job recorded as "__proto__" or "constructor" is that job, nothing inherited.
  for (const [id, job] of Object.entries(value.jobs)) {
    if (!isRecord(job)) return undefined;
    const state = job as unknown as JobState;
    jobs.set(id, isRecord(state.uploads) ? { ...state, uploads: ownEntries(state.uploads) } : state);
  }
  return { version: 1, batch: value.batch, jobs };
}

/**
 * The batch's state file, rewritten after every change: written to a temporary file and renamed, so a crash (or
 * `kill -9`) leaves either the old or the new state, never half of one. Held under a {@link BatchLock} from `open` to
 * `close`: a second run on the folder meanwhile is refused (it would make its own batch id, so bill every job again).
 */
export class BatchState {
  readonly path: string;
  readonly #data: StateData;
  readonly #lock: BatchLock;

  private constructor(path: string, data: StateData, lock: BatchLock) {
    this.path = path;
    this.#data = data;
    this.#lock = lock;
  }

  /**
   * Takes the folder's lock, then opens the state in `outDir` (created when missing), or starts a new one. Throws
   * `BatchInUseError` while another run holds the folder.
   */
  static open(outDir: string): BatchState {
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, STATE_FILE);
    const lock = BatchLock.acquire(join(outDir, LOCK_FILE));
    try {
      let text: string | undefined;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = undefined;
      }
      const data = text === undefined ? { version: 1 as const, batch: randomBytes(6).toString('hex'), jobs: new Map() } : parseState(text);
      if (data === undefined)
        throw new UsageError(`${path} is not a batch state file this version understands; move it away to start the batch afresh.`);
      return new BatchState(path, data, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Releases the folder's lock (the state stays on disk for the next run). */
  close(): void {
    this.#lock.release();
  }

  /** The job's state, if it was seen before. */
  get(id: string): JobState | undefined {
    return this.#data.jobs.get(id);
  }

  /** Records a job's new state and saves the file. */
  set(id: string, state: JobState): void {
    this.#data.jobs.set(id, state);
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
    // Object.fromEntries defines own properties, so a "__proto__" job is written like any other.
    const data = { ...this.#data, jobs: Object.fromEntries(this.#data.jobs) };
    writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(temporary, this.path);
  }
}
