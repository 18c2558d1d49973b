import { setMaxListeners } from 'node:events';
import { APIError, RateLimitError, ResultExpiredError, TaskFailedError, ValidationError } from '../errors/index.js';
import { MIN_REMAINING_LIFETIME_MS } from '../files/upload-cache.js';
import type { GenerateParams } from '../methods.js';
import { defaultPollInterval, type PollInterval } from '../tasks/poll-interval.js';
import type { CompletedTask, SubmittedTask, Task } from '../tasks/task.js';
import type { WaitOptions } from '../tasks/wait-options.js';
import type { ResultSink } from './sink.js';
import type { JobStore, TakenJob } from './store.js';
import type { StoredJob } from './types.js';

/** What happens to the jobs a worker runs (for logs and progress displays). */
export type QueueEvent =
  | { type: 'taken'; id: string; state: StoredJob['state']; taskId: string | undefined }
  | { type: 'submitted'; id: string; taskId: string; attempt: number }
  | { type: 'completed'; id: string; taskId: string; location: string; bytes: number | undefined }
  | { type: 'failed'; id: string; reason: string; taskId: string | undefined }
  | { type: 'held'; id: string; reason: string; taskId: string | undefined }
  | { type: 'released'; id: string; reason: string }
  | { type: 'paused'; until: number }
  | { type: 'error'; error: unknown };

/** The client operations a worker uses (a `WanClient`). */
export interface WorkerClient {
  generate(
    params: GenerateParams,
    options: { idempotencyKey: string; signal: AbortSignal; tag?: string | undefined },
  ): PromiseLike<SubmittedTask>;
  tasks: {
    wait(taskId: string, options: WaitOptions): Promise<CompletedTask>;
    /** Used by `queue.callbackHandler()`: reads the task a callback names. */
    get?(taskId: string): PromiseLike<Task>;
  };
  /** Used by `queue.recordCallback()`: reads the task a callback names from the API. */
  callbacks?: { verify(body: unknown): Promise<Task> } | undefined;
}

/** A completed job, as `onCompleted` gets it. */
export interface CompletedJob {
  id: string;
  tag: string | undefined;
  taskId: string;
  location: string;
  bytes: number | undefined;
}

/** What a worker runs with. */
export interface WorkerSettings {
  store: JobStore;
  client: WorkerClient;
  sink: ResultSink;
  concurrency: number;
  signal: AbortSignal | undefined;
  exitWhenIdle: boolean;
  onEvent: (event: QueueEvent) => void;
  onCompleted: ((job: CompletedJob) => void | Promise<void>) | undefined;
  /** Milliseconds between looks for new jobs while none is queued. */
  idlePollMs: number;
  /** Milliseconds between heartbeats (well inside the lease). */
  heartbeatMs: number;
  /** With callbacks: milliseconds between fallback polls of a task whose callback has not come. */
  fallbackPollMs: number;
  /** Creates sent for one job (replays of its key) before it is held. */
  maxAttempts: number;
  wait: Pick<WaitOptions, 'pollInterval' | 'timeout'>;
}

/** An abortable sleep that resolves (never rejects) when `signal` fires. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A create that can never succeed as sent: a new attempt would not help, and none was billed. */
function refusedCreate(error: unknown): boolean {
  if (error instanceof ValidationError) return true;
  return error instanceof APIError && error.status >= 400 && error.status < 500 && ![408, 409, 429].includes(error.status);
}

/** How long every worker holds off after a 429 without `Retry-After`. */
const DEFAULT_PAUSE_MS = 5000;

/** Thrown inside a job when the worker stops: the job is released, not failed. */
class Stopping extends Error {}

/**
 * One worker process's loop: takes up to `concurrency` jobs, runs each (create with the job's key, task id stored,
 * wait by callback or polling, save through the sink, complete), keeps their leases alive, and honours the queue's
 * shared pause and model limits. Resolves when `signal` fires (jobs in flight are released for another worker) or,
 * with `exitWhenIdle`, when no job is queued or active.
 */
export class Worker {
  readonly #s: WorkerSettings;
  readonly #stop = new AbortController();
  readonly #running = new Map<string, Promise<void>>();
  readonly #callbackWaiters = new Map<string, Set<() => void>>();
  #pausedUntil = 0;
  #limits: Record<string, number> = {};

  constructor(settings: WorkerSettings) {
    this.#s = settings;
    // Each job in flight listens on the stop signal (and removes its listener when done): as many as `concurrency`.
    setMaxListeners(0, this.#stop.signal);
    if (settings.signal?.aborted) this.#stop.abort();
    settings.signal?.addEventListener('abort', () => this.#stop.abort(), { once: true });
  }

  /** Records a rate-limit pause for every worker on the queue (and this one at once). */
  async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#emit({ type: 'paused', until });
    await this.#s.store.pause(ms).catch((error: unknown) => this.#emit({ type: 'error', error }));
  }

  async run(): Promise<void> {
    const stop = this.#stop.signal;
    const { store } = this.#s;
    this.#limits = await store.modelLimits();
    const unlisten = await store.onCallback((taskId) => {
      for (const wake of this.#callbackWaiters.get(taskId) ?? []) wake();
    });
    const heartbeat = setInterval(() => void this.#heartbeat(), this.#s.heartbeatMs);
    try {
      this.#pausedUntil = await store.heartbeat([]);
      while (!stop.aborted) {
        const paused = this.#pausedUntil - Date.now();
        if (paused > 0) {
          await sleep(Math.min(paused, this.#s.idlePollMs), stop);
          continue;
        }
        const free = this.#s.concurrency - this.#running.size;
        if (free > 0) {
          const taken = await store.take(free).catch((error: unknown) => {
            this.#emit({ type: 'error', error });
            return [] as TakenJob[];
          });
          for (const t of taken) this.#start(t);
          if (taken.length === free) continue;
          if (taken.length === 0 && this.#running.size === 0 && this.#s.exitWhenIdle) {
            const status = await store.status();
            if (status.queued + status.active === 0) break;
          }
        }
        await Promise.race([sleep(this.#s.idlePollMs, stop), ...this.#running.values()]);
      }
    } finally {
      await Promise.allSettled([...this.#running.values()]);
      clearInterval(heartbeat);
      await unlisten();
    }
  }

  #emit(event: QueueEvent): void {
    try {
      this.#s.onEvent(event);
    } catch {
      // A listener's bug must not change a job's outcome.
    }
  }

  async #heartbeat(): Promise<void> {
    try {
      const paused = await this.#s.store.heartbeat([...this.#running.keys()]);
      this.#pausedUntil = Math.max(this.#pausedUntil, paused);
    } catch (error) {
      this.#emit({ type: 'error', error });
    }
  }

  #start(taken: TakenJob): void {
    const run = this.#runJob(taken).finally(() => this.#running.delete(taken.lease));
    this.#running.set(taken.lease, run);
  }

  async #runJob({ job, lease }: TakenJob): Promise<void> {
    const { store } = this.#s;
    const signal = this.#stop.signal;
    this.#emit({ type: 'taken', id: job.id, state: job.state, taskId: job.taskId });
    let taskId = job.taskId;
    try {
      if (job.state === 'completed' || job.state === 'failed' || job.state === 'held') return;
      if (job.state !== 'submitted' || taskId === undefined) taskId = await this.#submit(job);
      if (taskId === undefined) return;
      const task = await this.#waitFor(job, taskId);
      const saved = await this.#s.sink.save(task, { id: job.id, tag: job.tag, destination: job.destination }, signal);
      if (await store.complete(job.id, { location: saved.location, bytes: saved.bytes })) {
        const done = { id: job.id, tag: job.tag, taskId, location: saved.location, bytes: saved.bytes };
        this.#emit({ type: 'completed', ...done });
        await Promise.resolve(this.#s.onCompleted?.(done)).catch((error: unknown) => this.#emit({ type: 'error', error }));
      }
    } catch (error) {
      await this.#settleAfter(job, error, taskId);
    } finally {
      // The row decides: a job that did not settle goes back to the queue, whatever this worker thought.
      await store.release(lease, job.id).catch((error: unknown) => this.#emit({ type: 'error', error }));
    }
  }

  /** Sends the job's create with its key (a replay when a previous worker may have sent it) and stores the task id. */
  async #submit(job: StoredJob): Promise<string | undefined> {
    const { store } = this.#s;
    const signal = this.#stop.signal;
    const expires = job.uploadsExpireAt?.getTime();
    if (expires !== undefined && expires - Date.now() < MIN_REMAINING_LIFETIME_MS) {
      const reason =
        job.state === 'submitting'
          ? 'its create may have been sent, but the files uploaded for it expire within the hour, so it cannot be sent again as it was'
          : 'the files uploaded for it expire within the hour, before its task could fetch them';
      await this.#hold(job, `${reason}. Add it again under a new id (evolink-wan queue add uploads the files again).`);
      return undefined;
    }
    if (job.state === 'submitting' && job.attempts >= this.#s.maxAttempts) {
      await this.#hold(
        job,
        `its create was sent ${job.attempts} times without an answer; a task may exist for its key ${job.idempotencyKey}`,
      );
      return undefined;
    }
    for (;;) {
      await this.#waitWhilePaused();
      const claim = await store.claimSubmit(job.id, this.#limits[job.model]);
      if (claim.ok) {
        job = claim.job;
        break;
      }
      if (claim.reason === 'settled') return undefined;
      await sleep(this.#s.idlePollMs, signal);
      if (signal.aborted) throw new Stopping();
    }
    const params = JSON.parse(job.paramsJson) as GenerateParams;
    // The job's tag goes with the create, so per-tag budgets (with a shared ledger) count it.
    const created = await this.#s.client.generate(params, { idempotencyKey: job.idempotencyKey, signal, tag: job.tag });
    await store.recordTask(job.id, created.id);
    this.#emit({ type: 'submitted', id: job.id, taskId: created.id, attempt: job.attempts });
    return created.id;
  }

  async #waitWhilePaused(): Promise<void> {
    const signal = this.#stop.signal;
    for (let left = this.#pausedUntil - Date.now(); left > 0; left = this.#pausedUntil - Date.now()) {
      // Spread the restart so that every worker does not send at the same instant.
      await sleep(left + Math.random() * Math.min(1000, left * 0.2), signal);
      if (signal.aborted) throw new Stopping();
    }
  }

  /** Waits on the task: by its callback when the job has one (polling only as a fallback), else by polling. */
  async #waitFor(job: StoredJob, taskId: string): Promise<CompletedTask> {
    const { store, client, fallbackPollMs } = this.#s;
    const signal = this.#stop.signal;
    const byCallback = typeof (JSON.parse(job.paramsJson) as { callback_url?: unknown }).callback_url === 'string';
    if (!byCallback) {
      const given = this.#s.wait.pollInterval;
      const pollInterval: PollInterval = (attempt, task, timing) =>
        Math.max(
          typeof given === 'number' ? given : given ? given(attempt, task, timing) : defaultPollInterval(timing),
          this.#pausedUntil - Date.now(),
        );
      return client.tasks.wait(taskId, { signal, timeout: this.#s.wait.timeout, pollInterval });
    }
    for (let first = true; ; first = false) {
      const woken = new AbortController();
      const wake = (): void => woken.abort();
      const onStop = (): void => woken.abort();
      signal.addEventListener('abort', onStop, { once: true });
      const waiters = this.#callbackWaiters.get(taskId) ?? new Set();
      waiters.add(wake);
      this.#callbackWaiters.set(taskId, waiters);
      try {
        // The first look waits for the callback (or the fallback delay) before polling at all.
        if (first && !(await store.callbackFor(taskId))) await sleep(fallbackPollMs, woken.signal);
        if (signal.aborted) throw new Stopping();
        return await client.tasks.wait(taskId, { signal: woken.signal, timeout: this.#s.wait.timeout, pollInterval: fallbackPollMs });
      } catch (error) {
        if (signal.aborted || !woken.signal.aborted) throw error;
        // A callback arrived mid-wait: look again at once.
      } finally {
        waiters.delete(wake);
        if (waiters.size === 0) this.#callbackWaiters.delete(taskId);
        signal.removeEventListener('abort', onStop);
      }
    }
  }

  async #hold(job: StoredJob, reason: string): Promise<void> {
    await this.#s.store.settle(job.id, 'held', reason);
    this.#emit({ type: 'held', id: job.id, reason, taskId: job.taskId });
  }

  /** Decides a job after an error: failed or held when no other attempt could help, else released to the queue. */
  async #settleAfter(job: StoredJob, error: unknown, taskId: string | undefined): Promise<void> {
    const { store } = this.#s;
    const release = (reason: string): void => this.#emit({ type: 'released', id: job.id, reason });
    if (this.#stop.signal.aborted) return release('the worker is stopping');
    if (error instanceof RateLimitError) {
      // A 429 is an answer without a task: it does not count towards the job's unanswered creates.
      if (taskId === undefined) await store.refundAttempt(job.id);
      await this.pause(error.retryAfter === undefined ? DEFAULT_PAUSE_MS : error.retryAfter * 1000);
      return release(describe(error));
    }
    const final = error instanceof TaskFailedError || error instanceof ResultExpiredError || (taskId === undefined && refusedCreate(error));
    if (final) {
      await store.settle(job.id, 'failed', describe(error), taskId);
      this.#emit({ type: 'failed', id: job.id, reason: describe(error), taskId });
      return;
    }
    if (taskId === undefined && error instanceof APIError && error.status === 409) {
      const reason = `the server holds a different request under this job's idempotency key ${job.idempotencyKey}, so a task may exist for it (${describe(error)}). Not submitted again, so nothing is billed twice.`;
      return this.#hold(job, reason);
    }
    // Anything else (the network, a 5xx, a wait's timeout) is worth another go: the job keeps its key and task id.
    return release(describe(error));
  }
}
