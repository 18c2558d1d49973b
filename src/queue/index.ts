import type { Pool } from 'pg';
import { type CallbackHandler, createCallbackHandler } from '../tasks/callback-handler.js';
import { InvalidOptionError } from '../errors/index.js';
import { checkFunction, checkNumber, checkOptionsObject, checkSignal, describeValue } from '../internal/check-option.js';
import { isRecord } from '../internal/is-record.js';
import type { Task } from '../tasks/task.js';
import type { WaitOptions } from '../tasks/wait-options.js';
import { QueueJobError } from './errors.js';
import { jobIdempotencyKey } from './job-key.js';
import { type Importer, loadQueueDeps } from './load-deps.js';
import { PgJobStore } from './pg-store.js';
import { directorySink, type ResultSink } from './sink.js';
import type { NewJob } from './store.js';
import type { JobState, QueueJob, QueueStatus, StoredJob } from './types.js';
import { type CompletedJob, type QueueEvent, Worker, type WorkerClient } from './worker.js';

export { QueueDeliveryError, QueueDependencyError, QueueJobError, QUEUE_INSTALL, QUEUE_PACKAGES } from './errors.js';
export { jobIdempotencyKey } from './job-key.js';
export { createPostgresLedger, type PostgresLedger, type PostgresLedgerOptions } from './pg-ledger.js';
export { directorySink, writableSink, type ResultSink, type SavedResult, type SinkJob } from './sink.js';
export { presignedUrlSink, type PresignedTarget, type PresignedUrlSinkOptions } from './presigned-sink.js';
export type { JobState, QueueJob, QueueStatus } from './types.js';
export {
  type CompletedJobNotification,
  WEBHOOK_SIGNATURE_HEADER,
  webhookNotifier,
  webhookSignature,
  type WebhookOptions,
} from './webhook.js';
export type { CompletedJob, QueueEvent, WorkerClient } from './worker.js';

/** Options of {@link createJobQueue}. */
export interface JobQueueOptions {
  /** The Postgres database, as a URL (`postgres://user:pass@host:5432/db`); the queue makes a pool and closes it. */
  connectionString?: string | undefined;
  /** Or a `pg` pool of your own (you close it, after `queue.close()`). */
  pool?: Pool | undefined;
  /** The client workers create and wait with (a `WanClient`). Not needed to add jobs or read status. */
  client?: WorkerClient | undefined;
  /**
   * The queue's name (1–100 letters, digits, `_` or `-`). Jobs' idempotency keys derive from it and their ids, so every
   * worker of the queue, on any machine, sends the same key for a job.
   */
  name: string;
  /** Schema of the queue's own tables. @default 'evolink_queue' */
  schema?: string | undefined;
  /** Schema of pg-boss's tables. @default 'pgboss' */
  bossSchema?: string | undefined;
  /**
   * Seconds without a heartbeat after which another worker takes a job over (a worker that died). Workers beat every
   * quarter of it. @default 60
   */
  leaseSeconds?: number | undefined;
  /** Seconds between pg-boss's maintenance runs, which hand expired leases back. @default 10 */
  maintenanceSeconds?: number | undefined;
  /** @internal Replaces `import()` of pg-boss and pg (tests of the missing-package error). */
  importer?: Importer | undefined;
}

/** Options of {@link JobQueue.work}. */
export interface WorkOptions {
  /** Jobs this worker runs at once. @default 4 */
  concurrency?: number | undefined;
  /** Stops the worker: no new jobs; jobs in flight are released for another worker (their task ids kept). */
  signal?: AbortSignal | undefined;
  /** Every event of every job this worker runs. An exception thrown here is ignored. */
  onEvent?: ((event: QueueEvent) => void) | undefined;
  /** Saves each video as `<outDir>/<destination or id>.mp4` (the default sink). */
  outDir?: string | undefined;
  /** Or: where results go (see `directorySink`, `writableSink`). */
  sink?: ResultSink | undefined;
  /** Runs once a job completed (its result saved and recorded): notify your application here. Errors are reported as `error` events. */
  onCompleted?: ((job: CompletedJob) => void | Promise<void>) | undefined;
  /** Resolve once no job is queued or active, instead of waiting for new jobs. @default false */
  exitWhenIdle?: boolean | undefined;
  /** Milliseconds between looks for new jobs while none is queued. @default 1000 */
  idlePollMs?: number | undefined;
  /** Creates sent for one job without an answer (replays of its key) before it is held. @default 5 */
  maxAttempts?: number | undefined;
  /** Poll schedule and deadline of each task's wait (see `WaitOptions`). */
  wait?: Pick<WaitOptions, 'pollInterval' | 'timeout'> | undefined;
  /** For jobs with a `callback_url`: milliseconds between fallback polls while the callback has not come. @default 30000 */
  fallbackPollMs?: number | undefined;
}

/** What {@link JobQueue.add} did. */
export interface AddResult {
  /** Ids of the jobs added. */
  added: string[];
  /** Ids already in the queue (added earlier): nothing was changed for them. */
  existing: string[];
}

/** One job of the queue, as {@link JobQueue.results} lists it. */
export interface JobRecord {
  id: string;
  tag: string | undefined;
  state: JobState;
  /** The task created for it, once its create was answered. */
  taskId: string | undefined;
  idempotencyKey: string;
  /** Creates sent for it (replays of the same key included). */
  attempts: number;
  /** Where the sink put the result (completed jobs). */
  location: string | undefined;
  bytes: number | undefined;
  /** Why it failed or is held. */
  reason: string | undefined;
  updatedAt: Date;
}

/** A durable job queue on PostgreSQL: any number of workers on any number of machines. See {@link createJobQueue}. */
export interface JobQueue {
  readonly name: string;
  /** Adds jobs; a job whose id is already in the queue is left as it is (adding is idempotent by id). */
  add(jobs: Iterable<QueueJob>): Promise<AddResult>;
  /** Runs a worker until `signal` fires (or, with `exitWhenIdle`, until nothing is left to do). */
  work(options?: WorkOptions): Promise<void>;
  /** Counts by state, with why each failed or held job stopped. */
  status(): Promise<QueueStatus>;
  /** Every job with its state, task id and where its result went, in the order they were added. */
  results(): Promise<JobRecord[]>;
  /**
   * Takes a callback delivery: the task is read from the API (never trusted from the body) and every worker waiting on
   * it stops polling. Needs `client`.
   */
  recordCallback(body: unknown): Promise<Task>;
  /**
   * A route for EvoLink's callbacks (the `callback_url` of your jobs), for any process of yours — a worker, your web
   * app: each delivery is answered `202` at once, verified by reading the task from the API, and recorded in
   * PostgreSQL, which wakes the worker waiting on it wherever it runs. A Fetch handler with `.node` for `node:http`
   * and Express (see `createCallbackHandler`). Needs `client`.
   */
  callbackHandler(options?: { onError?: ((error: unknown, taskId: string | undefined) => void) | undefined }): CallbackHandler;
  /**
   * Queue-wide limits of tasks in flight per model, across every worker (`{}` lifts them); each a whole number ≥ 1.
   * Workers read them when they start: restart them (SIGTERM is graceful) to apply a change.
   */
  setModelLimits(limits: Record<string, number>): Promise<void>;
  /** The queue-wide limits per model, as last set. */
  modelLimits(): Promise<Record<string, number>>;
  /** Stops pg-boss and closes the pool the queue made. */
  close(): Promise<void>;
}

const OPTIONS = [
  'connectionString',
  'pool',
  'client',
  'name',
  'schema',
  'bossSchema',
  'leaseSeconds',
  'maintenanceSeconds',
  'importer',
] as const;
const WORK_OPTIONS = [
  'concurrency',
  'signal',
  'onEvent',
  'outDir',
  'sink',
  'onCompleted',
  'exitWhenIdle',
  'idlePollMs',
  'maxAttempts',
  'wait',
  'fallbackPollMs',
] as const;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const KEY = /^[A-Za-z0-9._-]{16,96}$/;
const JOB_FIELDS = new Set(['id', 'params', 'tag', 'idempotencyKey', 'destination', 'uploadsExpireAt']);

/** Checks one job and turns it into the row the store keeps. */
function toNewJob(queue: string, job: unknown, index: number): NewJob {
  const where = `jobs[${index}]`;
  if (!isRecord(job))
    throw new QueueJobError(`${where} must be an object like { id, params: { model, prompt } }; got ${describeValue(job)}.`);
  const id = job.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw new QueueJobError(`${where}.id must be a string of 1–200 characters; got ${describeValue(id)}.`);
  }
  for (const key of Object.keys(job)) {
    if (!JOB_FIELDS.has(key))
      throw new QueueJobError(`${where} ("${id}") has an unknown field "${key}"; a job has ${[...JOB_FIELDS].join(', ')}.`, id);
  }
  const params = job.params;
  if (!isRecord(params) || typeof params.model !== 'string') {
    throw new QueueJobError(
      `${where} ("${id}"): params must be an object with the model id, like { model: 'wan2.7-text-to-video', prompt: '…' }.`,
      id,
    );
  }
  const optionalString = (field: string): string | undefined => {
    const value = job[field];
    if (value !== undefined && typeof value !== 'string')
      throw new QueueJobError(`${where} ("${id}").${field} must be a string; got ${describeValue(value)}.`, id);
    return value;
  };
  const key = optionalString('idempotencyKey');
  if (key !== undefined && !KEY.test(key)) {
    throw new QueueJobError(
      `${where} ("${id}").idempotencyKey must be 16–96 letters, digits, ".", "_" or "-"; leave it out to derive one from the queue and the id.`,
      id,
    );
  }
  const expires = job.uploadsExpireAt;
  if (expires !== undefined && !(expires instanceof Date && Number.isFinite(expires.getTime()))) {
    throw new QueueJobError(`${where} ("${id}").uploadsExpireAt must be a valid Date; got ${describeValue(expires)}.`, id);
  }
  let paramsJson: string;
  try {
    paramsJson = JSON.stringify(params);
  } catch (error) {
    throw new QueueJobError(`${where} ("${id}"): params must be plain JSON (${(error as Error).message}).`, id);
  }
  return {
    id,
    model: params.model,
    paramsJson,
    tag: optionalString('tag'),
    idempotencyKey: key ?? jobIdempotencyKey(queue, id),
    destination: optionalString('destination'),
    uploadsExpireAt: expires,
  };
}

function toRecord(job: StoredJob): JobRecord {
  const { id, tag, state, taskId, idempotencyKey, attempts, location, bytes, reason, updatedAt } = job;
  return { id, tag, state, taskId, idempotencyKey, attempts, location, bytes, reason, updatedAt };
}

function positive(option: string, value: unknown, fallback: number): number {
  return checkNumber(option, value, { min: 1, integer: true }) ?? fallback;
}

/**
 * Opens a durable job queue on PostgreSQL, run by pg-boss (jobs are rows leased with `SKIP LOCKED`; a dead worker's
 * lease expires and another takes the job over). Each job's idempotency key is derived from the queue's name and the
 * job's id and stored when it is added; its task id is stored in the statement that marks it submitted. So a worker
 * that dies anywhere leaves the job to be replayed under the same key (EvoLink answers with the same task), and a job
 * that cannot be replayed is `held`, never sent under a new key: nothing is billed twice.
 *
 * Needs the optional peer dependencies `pg-boss` and `pg` (a `QueueDependencyError` says what to install).
 *
 * @example
 * ```ts
 * import { WanClient } from 'evolink-wan';
 * import { createJobQueue } from 'evolink-wan/queue';
 * const queue = await createJobQueue({ connectionString: process.env.DATABASE_URL, client: new WanClient(), name: 'videos' });
 * await queue.add([{ id: 'cat', params: { model: 'wan2.7-text-to-video', prompt: 'A cat playing piano' } }]);
 * await queue.work({ outDir: 'videos', concurrency: 4, exitWhenIdle: true });
 * await queue.close();
 * ```
 */
export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const o = checkOptionsObject('createJobQueue()', options, OPTIONS) as Partial<JobQueueOptions>;
  const name = o.name;
  if (typeof name !== 'string' || !QUEUE_NAME.test(name)) {
    throw new InvalidOptionError('name', `name must be 1–100 letters, digits, "_" or "-"; got ${describeValue(name)}.`);
  }
  if ((o.pool === undefined) === (o.connectionString === undefined)) {
    throw new InvalidOptionError('connectionString', 'Pass exactly one of connectionString (a postgres:// URL) and pool (a pg Pool).');
  }
  if (o.connectionString !== undefined && typeof o.connectionString !== 'string') {
    throw new InvalidOptionError(
      'connectionString',
      `connectionString must be a postgres:// URL; got ${describeValue(o.connectionString)}.`,
    );
  }
  const leaseSeconds = positive('leaseSeconds', o.leaseSeconds, 60);
  const client = o.client;
  const deps = await loadQueueDeps(o.importer);
  const store = await PgJobStore.open(deps, {
    pool: o.pool,
    connectionString: o.connectionString,
    name,
    schema: o.schema,
    bossSchema: o.bossSchema,
    leaseSeconds,
    maintenanceSeconds: positive('maintenanceSeconds', o.maintenanceSeconds, 10),
  });
  const needClient = (what: string): WorkerClient => {
    if (!client) throw new InvalidOptionError('client', `${what} needs a client: pass createJobQueue({ client: new WanClient(), … }).`);
    return client;
  };

  return {
    name,
    async add(jobs) {
      if (jobs === null || typeof jobs !== 'object' || !(Symbol.iterator in jobs)) {
        throw new QueueJobError(`add() takes an array (or iterable) of jobs; got ${describeValue(jobs)}.`);
      }
      const rows = [...jobs].map((job, index) => toNewJob(name, job, index));
      const seen = new Set<string>();
      for (const row of rows) {
        if (seen.has(row.id))
          throw new QueueJobError(`The job id "${row.id}" is used twice in this add(); each job needs its own id.`, row.id);
        seen.add(row.id);
      }
      const added = new Set(await store.add(rows));
      return {
        added: rows.filter((r) => added.has(r.id)).map((r) => r.id),
        existing: rows.filter((r) => !added.has(r.id)).map((r) => r.id),
      };
    },
    async work(workOptions = {}) {
      const w = checkOptionsObject('work()', workOptions, WORK_OPTIONS) as WorkOptions;
      const sink = w.sink ?? (w.outDir === undefined ? undefined : directorySink(w.outDir));
      if (!sink) throw new InvalidOptionError('outDir', 'work() needs somewhere to save results: outDir (a directory) or sink.');
      const worker = new Worker({
        store,
        client: needClient('work()'),
        sink,
        concurrency: positive('concurrency', w.concurrency, 4),
        signal: checkSignal('signal', w.signal),
        exitWhenIdle: w.exitWhenIdle === true,
        onEvent: checkFunction('onEvent', w.onEvent) ?? (() => {}),
        onCompleted: checkFunction('onCompleted', w.onCompleted),
        idlePollMs: positive('idlePollMs', w.idlePollMs, 1000),
        heartbeatMs: (leaseSeconds * 1000) / 4,
        fallbackPollMs: positive('fallbackPollMs', w.fallbackPollMs, 30_000),
        maxAttempts: positive('maxAttempts', w.maxAttempts, 5),
        wait: w.wait ?? {},
      });
      await worker.run();
    },
    status: () => store.status(),
    async results() {
      return (await store.jobs()).map(toRecord);
    },
    async recordCallback(body) {
      const verify = needClient('recordCallback()').callbacks?.verify;
      if (!verify) throw new InvalidOptionError('client', 'recordCallback() needs a client with callbacks.verify (a WanClient).');
      const task = await verify(body);
      await store.recordCallback(task);
      return task;
    },
    callbackHandler(handlerOptions = {}) {
      const tasks = needClient('callbackHandler()').tasks;
      const get = tasks.get?.bind(tasks);
      if (!get) throw new InvalidOptionError('client', 'callbackHandler() needs a client with tasks.get (a WanClient).');
      return createCallbackHandler({
        client: { tasks: { get } },
        onTask: (task) => store.recordCallback(task),
        onError: checkFunction('onError', handlerOptions.onError),
      });
    },
    async setModelLimits(limits) {
      if (!isRecord(limits)) {
        throw new InvalidOptionError(
          'limits',
          `setModelLimits() takes { [model]: n }, like { 'wan2.7-text-to-video': 10 }; got ${describeValue(limits)}.`,
        );
      }
      for (const [model, n] of Object.entries(limits)) {
        if (!Number.isInteger(n) || (n as number) < 1) {
          throw new InvalidOptionError(
            'limits',
            `The limit of ${model} must be a whole number ≥ 1 (leave the model out to lift it); got ${describeValue(n)}.`,
          );
        }
      }
      await store.setModelLimits(limits);
    },
    modelLimits: () => store.modelLimits(),
    close: () => store.close(),
  };
}
