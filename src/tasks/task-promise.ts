import { AbortTrigger, type AbortSource, linkSignals } from '../internal/abort.js';
import type { Clock } from '../internal/clock.js';
import { OperationTimedOut } from '../transport/attempt-abort.js';
import type { CompletedTask, SubmittedTask } from './task.js';
import type { WithResponse } from './api-promise.js';
import { type ResolvedWaitOptions, type WaitOptions, resolveWaitOptions } from './wait-options.js';

/** How the handle steers its create: a signal that aborts it, and the deadline its retries must respect. */
export interface SubmissionControl {
  signal: AbortSource;
  /** Epoch ms set by the first `waitForResult({ timeout })`, or `undefined`. */
  deadline(): number | undefined;
}

/** Sends the create; called once, by the handle's constructor. */
export type StartSubmission = (control: SubmissionControl) => Promise<WithResponse<SubmittedTask>>;
/** Waits for a submitted task; supplied by the client. */
export type WaitForSubmitted = (task: SubmittedTask, options: ResolvedWaitOptions) => Promise<CompletedTask>;

/**
 * The handle returned by the generation methods. The task is submitted once, when the method is called, whatever
 * is done with the handle afterwards:
 * - `await handle` gives the created task (the POST response);
 * - `await handle.waitForResult()` waits until it completes and gives the result.
 * Both may be used, in any order, any number of times: there is exactly one `POST`.
 *
 * `waitForResult({ timeout, signal })` bounds and cancels the whole operation: when it ends while the task is still
 * being created, the create is aborted too (the error then carries `idempotencyKey` and `mayHaveReachedServer`).
 *
 * @example
 * ```ts
 * const handle = client.imageToVideo({ prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' });
 * const task = await handle;             // { id: 'task-unified-…', status: 'pending', … }
 * const video = await handle.waitForResult();
 * console.log(video.url);
 * ```
 */
export class TaskPromise implements PromiseLike<SubmittedTask> {
  readonly #answer: Promise<WithResponse<SubmittedTask>>;
  readonly #submission: Promise<SubmittedTask>;
  readonly #wait: WaitForSubmitted;
  readonly #clock: Clock;
  /**
   * Aborts the create; dropped once it settled. A trigger, not an AbortController: the transport watches it without
   * any AbortSignal or event listener, which would cost microseconds per create.
   */
  #abort: AbortTrigger | undefined = new AbortTrigger();
  #deadline: number | undefined;
  #settled = false;

  /** @internal Created by the client; use `client.imageToVideo(...)` and friends. */
  constructor(start: StartSubmission, wait: WaitForSubmitted, clock: Clock) {
    this.#wait = wait;
    this.#clock = clock;
    this.#answer = start({ signal: this.#abort!, deadline: () => this.#deadline });
    this.#submission = this.#answer.then(
      (answer) => {
        this.#onSettled();
        return answer.data;
      },
      (error: unknown) => {
        this.#onSettled();
        throw error;
      },
    );
    // A handle that is never awaited must not crash the process with an unhandled rejection; the error is still
    // delivered to whoever awaits the handle or calls waitForResult().
    this.#submission.catch(() => {});
  }

  /** Resolves with the created task (the POST response), like a promise; the POST is sent only once. */
  then<R1 = SubmittedTask, R2 = never>(
    onfulfilled?: ((task: SubmittedTask) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#submission.then(onfulfilled, onrejected);
  }

  /** The created task together with the HTTP answer (`status`, `headers`, `requestId`); the POST is sent only once. */
  withResponse(): Promise<WithResponse<SubmittedTask>> {
    return this.#answer;
  }

  /** Like `Promise.prototype.catch`, for the submission. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<SubmittedTask | R> {
    return this.#submission.catch(onrejected);
  }

  /** Like `Promise.prototype.finally`, for the submission. */
  finally(onfinally?: (() => void) | null): Promise<SubmittedTask> {
    return this.#submission.finally(onfinally);
  }

  /**
   * Waits until the task completes and resolves to the result (`url`, `results`, `expiresAt`). Rejects with
   * `TaskFailedError`, `TaskTimeoutError`, `APIUserAbortError`, `InvalidOptionError` or the submission's own error.
   */
  async waitForResult(options?: WaitOptions): Promise<CompletedTask> {
    const wait = resolveWaitOptions(options, this.#clock.now());
    const task = await this.#created(wait);
    return this.#wait(task, wait);
  }

  /** The submission, with this wait's signal and deadline applied to it while it is still running. */
  async #created(wait: ResolvedWaitOptions): Promise<SubmittedTask> {
    if (this.#settled) return this.#submission;
    if (wait.deadline !== undefined) this.#deadline = Math.min(this.#deadline ?? Number.POSITIVE_INFINITY, wait.deadline);
    const linked = linkSignals([wait.signal]);
    const stopTimer = new AbortController();
    if (wait.deadline !== undefined) {
      this.#clock.sleep(wait.deadline - this.#clock.now(), stopTimer.signal).then(
        () => linked.abort(new OperationTimedOut(wait.timeout)),
        () => {},
      );
    }
    const onAbort = (): void => this.#abort?.abort(linked.signal.reason);
    if (linked.signal.aborted) onAbort();
    else linked.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#submission;
    } finally {
      linked.signal.removeEventListener('abort', onAbort);
      stopTimer.abort();
      linked.cleanup();
    }
  }

  #onSettled(): void {
    this.#settled = true;
    this.#abort = undefined;
  }

  get [Symbol.toStringTag](): string {
    return 'TaskPromise';
  }
}
