import type { Task } from '../types/task.js';
import type { PollInterval } from './poll-interval.js';

/** Options of `waitForResult()` and `client.tasks.wait()`. */
export interface WaitOptions {
  /**
   * Delay between polls in milliseconds, or `(attempt, task) => ms`. The default follows
   * `task_info.estimated_time` and stays between 3 and 15 seconds.
   */
  pollInterval?: PollInterval | undefined;
  /**
   * Deadline of the whole wait in milliseconds. When it passes, the wait rejects with `TaskTimeoutError`; the task
   * keeps running on the server and can be resumed with `client.tasks.wait(id)`. `0` or `Infinity` waits forever.
   * @default 900000 (15 minutes)
   */
  timeout?: number | undefined;
  /** Aborting it ends the wait at once, interrupting a sleep or an in-flight request, with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with the task whenever its status or progress changes (including the first snapshot). */
  onProgress?: ((task: Task) => void) | undefined;
}

/** Default deadline of a wait: 15 minutes. */
export const DEFAULT_WAIT_TIMEOUT = 15 * 60_000;
