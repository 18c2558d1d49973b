import { checkFunction, checkNumber, checkOptionsObject, checkSignal } from '../internal/check-option.js';
import type { Task } from './task.js';
import type { PollInterval } from './poll-interval.js';

/** Options of `waitForResult()` and `client.tasks.wait()`. */
export interface WaitOptions {
  /**
   * Delay between polls in milliseconds, or `(attempt, task, timing) => ms`; it overrides the whole default schedule.
   * The default (`defaultPollInterval`) reads first after the model's shortest duration (about 30 s), then every
   * 5.5 s; once a confirmed progress trend (or the client's history of tasks of the same kind) predicts the end,
   * sparse (up to 20 s) while it is far, every 2–3 s around it; never more reads than one per 6 s (see docs/waiting.md).
   */
  pollInterval?: PollInterval | undefined;
  /**
   * Deadline of the whole operation in milliseconds: for `waitForResult()` it includes creating the task. When it
   * passes, the wait rejects with `TaskTimeoutError` (or, if the task was not created yet, `APITimeoutError`); the task
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

/** Wait options after checking, with the deadline fixed when the wait began. */
export interface ResolvedWaitOptions {
  pollInterval: PollInterval | undefined;
  /** The timeout as given (for messages); `Infinity` when unbounded. */
  timeout: number;
  /** Epoch ms, or `undefined` for no deadline. */
  deadline: number | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((task: Task) => void) | undefined;
}

const WAIT_OPTIONS = ['pollInterval', 'timeout', 'signal', 'onProgress'] as const;

/** Checks wait options (throws `InvalidOptionError` naming the option) and fixes the deadline from `now`. */
export function resolveWaitOptions(options: unknown, now: number): ResolvedWaitOptions {
  const o = checkOptionsObject('the wait options', options, WAIT_OPTIONS);
  const interval = o.pollInterval;
  if (typeof interval !== 'function') checkNumber('pollInterval', interval, { unit: 'milliseconds' });
  const given = checkNumber('timeout', o.timeout, { unit: 'milliseconds', infinite: true }) ?? DEFAULT_WAIT_TIMEOUT;
  const timeout = given === 0 ? Number.POSITIVE_INFINITY : given;
  return {
    pollInterval: interval as PollInterval | undefined,
    timeout,
    deadline: Number.isFinite(timeout) ? now + timeout : undefined,
    signal: checkSignal('signal', o.signal),
    onProgress: checkFunction('onProgress', o.onProgress as ((task: Task) => void) | undefined),
  };
}
