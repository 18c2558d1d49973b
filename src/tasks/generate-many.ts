import { APIUserAbortError, EvoLinkError, InvalidOptionError } from '../errors/index.js';
import { checkFunction, checkNumber, checkOptionsObject, checkSignal, describeValue } from '../internal/check-option.js';
import type { RequestOptions } from '../request-options.js';
import type { CompletedTask, SubmittedTask, Task } from './task.js';
import type { WaitOptions } from './wait-options.js';

/** One job of `client.generateMany()`. */
export interface GenerationJob<P = Record<string, unknown>> {
  /** Your id for the job, unique within the call: every event and result carries it. */
  id: string;
  /** The parameters, as for `client.generate()` (`model` required). */
  params: P;
  /**
   * `Idempotency-Key` of the job's create. Derive it from something you store with the job (16–96 characters of
   * `[A-Za-z0-9._-]`) so that running the same job again after a crash returns its task instead of billing a new one.
   */
  idempotencyKey?: string | undefined;
  /** A task already created for this job (by an earlier run): it is waited on, and nothing is submitted. */
  taskId?: string | undefined;
}

/** What happens to a job, in order: `submitted` (unless resumed by `taskId`), `progress`…, then `completed` or `failed`. */
export type GenerationEvent<P = Record<string, unknown>> =
  | { type: 'submitted'; job: GenerationJob<P>; task: SubmittedTask }
  | { type: 'progress'; job: GenerationJob<P>; task: Task }
  | { type: 'completed'; job: GenerationJob<P>; task: CompletedTask }
  | { type: 'failed'; job: GenerationJob<P>; error: EvoLinkError; taskId: string | undefined };

/** A job's settled outcome. `value` is what `onCompleted` returned. */
export type GenerationResult<R = undefined, P = Record<string, unknown>> =
  | { id: string; job: GenerationJob<P>; status: 'completed'; task: CompletedTask; value: R }
  | { id: string; job: GenerationJob<P>; status: 'failed'; error: EvoLinkError; taskId: string | undefined };

/** Options of `client.generateMany()`. */
export interface GenerateManyOptions<R = undefined, P = Record<string, unknown>> {
  /**
   * Jobs in flight at once (submitting, waiting or in `onCompleted`). All share the client, so a rate-limit pause
   * holds them all.
   * @default 4
   */
  concurrency?: number | undefined;
  /** Called for every event of every job. An exception thrown here is ignored. */
  onEvent?: ((event: GenerationEvent<P>) => void) | undefined;
  /**
   * Runs in the job's slot once its task completed, e.g. to save the video; its result becomes the job's `value`,
   * and an exception fails the job (the task stays completed on the server).
   */
  onCompleted?: ((task: CompletedTask, job: GenerationJob<P>) => R | Promise<R>) | undefined;
  /** Stops everything: jobs in flight and jobs not started yet settle as failed with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Poll schedule and deadline of each job's wait (see `WaitOptions`). */
  wait?: Pick<WaitOptions, 'pollInterval' | 'timeout'> | undefined;
}

/** The client operations `generateMany` runs each job with. */
export interface GenerationRunner<P> {
  submit(params: P, options: RequestOptions): PromiseLike<SubmittedTask> & { waitForResult(options: WaitOptions): Promise<CompletedTask> };
  wait(taskId: string, options: WaitOptions): Promise<CompletedTask>;
}

const OPTIONS = ['concurrency', 'onEvent', 'onCompleted', 'signal', 'wait'] as const;

/** Checks the jobs and options before anything is sent; `InvalidOptionError` names what is wrong. */
function checkJobs<P>(jobs: unknown): GenerationJob<P>[] {
  if (jobs === null || typeof jobs !== 'object' || !(Symbol.iterator in jobs)) {
    throw new InvalidOptionError('jobs', `generateMany() takes an array (or iterable) of jobs; got ${describeValue(jobs)}.`);
  }
  const list = [...(jobs as Iterable<unknown>)];
  const seen = new Set<string>();
  list.forEach((job, index) => {
    const id = (job as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '') {
      throw new InvalidOptionError(`jobs[${index}].id`, `jobs[${index}].id must be a non-empty string; got ${describeValue(id)}.`);
    }
    if (seen.has(id)) throw new InvalidOptionError(`jobs[${index}].id`, `jobs[${index}].id "${id}" is used twice; job ids must be unique.`);
    seen.add(id);
  });
  return list as GenerationJob<P>[];
}

/** Any failure as an `EvoLinkError` (an `onCompleted` callback may throw anything). */
function asEvoLinkError(error: unknown, job: { id: string }): EvoLinkError {
  if (error instanceof EvoLinkError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new EvoLinkError(`Job ${job.id}: ${detail}`, { cause: error });
}

/**
 * Runs many generations with bounded concurrency and settles every one: the promise resolves with one result per
 * job, in job order, and never rejects because of a job (only for invalid jobs or options, before anything is sent).
 */
export async function generateMany<P, R = undefined>(
  runner: GenerationRunner<P>,
  jobs: Iterable<GenerationJob<P>>,
  options: GenerateManyOptions<R, P> = {},
): Promise<GenerationResult<R, P>[]> {
  const o = checkOptionsObject('the generateMany options', options, OPTIONS);
  const list = checkJobs<P>(jobs);
  const concurrency = checkNumber('concurrency', o.concurrency, { integer: true, min: 1 }) ?? 4;
  const signal = checkSignal('signal', o.signal);
  const onEvent = checkFunction('onEvent', o.onEvent as GenerateManyOptions<R, P>['onEvent']);
  const onCompleted = checkFunction('onCompleted', o.onCompleted as GenerateManyOptions<R, P>['onCompleted']);
  const wait = checkOptionsObject('wait', o.wait, ['pollInterval', 'timeout']) as NonNullable<GenerateManyOptions['wait']>;
  const emit = (event: GenerationEvent<P>): void => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's bug must not turn one job's outcome into another's.
    }
  };

  const runJob = async (job: GenerationJob<P>): Promise<GenerationResult<R, P>> => {
    let taskId = job.taskId;
    try {
      signal?.throwIfAborted();
      let announced = taskId !== undefined;
      const announce = (submitted: Task): void => {
        if (announced) return;
        announced = true;
        taskId = submitted.id;
        emit({ type: 'submitted', job, task: submitted });
      };
      const onProgress = (snapshot: Task): void => {
        announce(snapshot);
        emit({ type: 'progress', job, task: snapshot });
      };
      const waitOptions: WaitOptions = { ...wait, signal, onProgress };
      let task: CompletedTask;
      if (taskId !== undefined) {
        task = await runner.wait(taskId, waitOptions);
      } else {
        const handle = runner.submit(job.params, { idempotencyKey: job.idempotencyKey, signal });
        // The wait starts at once, so its timeout bounds the create (and its uploads) too; the created task is
        // announced before its first progress.
        task = await handle.waitForResult(waitOptions);
        announce(await handle);
      }
      emit({ type: 'completed', job, task });
      const value = (await onCompleted?.(task, job)) as R;
      return { id: job.id, job, status: 'completed', task, value };
    } catch (thrown) {
      const error =
        signal?.aborted && !(thrown instanceof EvoLinkError)
          ? new APIUserAbortError(signal.reason, { taskId })
          : asEvoLinkError(thrown, job);
      emit({ type: 'failed', job, error, taskId });
      return { id: job.id, job, status: 'failed', error, taskId };
    }
  };

  const results = new Array<GenerationResult<R, P>>(list.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const index = next++;
      results[index] = await runJob(list[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
  return results;
}
