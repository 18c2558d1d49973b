import { APIUserAbortError } from '../errors/index.js';
import type { CompletedTask, SubmittedTask } from '../types/task.js';
import type { WaitOptions } from './wait-options.js';

/** Waits for a submitted task; supplied by the client. */
export type WaitForSubmitted = (task: SubmittedTask, options: WaitOptions) => Promise<CompletedTask>;

function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new APIUserAbortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new APIUserAbortError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The handle returned by the generation methods. The task is submitted once, when the method is called, whatever
 * is done with the handle afterwards:
 * - `await handle` gives the created task (the POST response);
 * - `await handle.waitForResult()` waits until it completes and gives the result.
 * Both may be used, in any order, any number of times: there is exactly one `POST`.
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
  readonly #submission: Promise<SubmittedTask>;
  readonly #wait: WaitForSubmitted;

  /** @internal Created by the client; use `client.imageToVideo(...)` and friends. */
  constructor(submission: Promise<SubmittedTask>, wait: WaitForSubmitted) {
    this.#submission = submission;
    this.#wait = wait;
    // A handle that is never awaited must not crash the process with an unhandled rejection; the error is still
    // delivered to whoever awaits the handle or calls waitForResult().
    submission.catch(() => {});
  }

  /** Resolves with the created task (the POST response), like a promise; the POST is sent only once. */
  then<R1 = SubmittedTask, R2 = never>(
    onfulfilled?: ((task: SubmittedTask) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#submission.then(onfulfilled, onrejected);
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
   * `TaskFailedError`, `TaskTimeoutError`, `APIUserAbortError` or the submission's own error.
   */
  async waitForResult(options: WaitOptions = {}): Promise<CompletedTask> {
    const task = await raceWithSignal(this.#submission, options.signal);
    return this.#wait(task, options);
  }

  get [Symbol.toStringTag](): string {
    return 'TaskPromise';
  }
}
