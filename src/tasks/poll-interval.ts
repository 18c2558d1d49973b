import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';
import type { Task } from '../types/task.js';

/** Chooses the delay before the next poll: a number of milliseconds, or a function of the attempt and last snapshot. */
export type PollInterval = number | ((attempt: number, task: Task) => number);

/** The shortest default delay between polls: EvoLink asks clients not to poll aggressively. */
export const MIN_DEFAULT_POLL_MS = 3_000;
/** The longest default delay between polls. */
export const MAX_DEFAULT_POLL_MS = 15_000;

/** Milliseconds the task still needs by the server's estimate, if it gave one. */
function estimatedMsLeft(task: Task, now: number): number | undefined {
  const info = task.task_info;
  if (typeof info?.remaining_time === 'number' && Number.isFinite(info.remaining_time)) return info.remaining_time * 1000;
  const eta = info?.estimated_time;
  if (typeof eta === 'number' && eta > 0 && typeof task.created === 'number') return task.created * 1000 + eta * 1000 - now;
  return undefined;
}

/**
 * Default schedule for minute-long video jobs. When the server gave an estimate (`task_info.remaining_time`, or
 * `task_info.estimated_time` seconds from `created`), wait half of the estimated time left; otherwise back off from
 * 3 s by ×1.5. Always between 3 and 15 seconds, with ±10 % jitter so many waiters spread out.
 */
export function defaultPollInterval(attempt: number, task: Task, now: number = Date.now(), random: () => number = Math.random): number {
  const remaining = estimatedMsLeft(task, now);
  const delay = remaining !== undefined && remaining > 0 ? remaining / 2 : MIN_DEFAULT_POLL_MS * 1.5 ** attempt;
  const clamped = Math.min(MAX_DEFAULT_POLL_MS, Math.max(MIN_DEFAULT_POLL_MS, delay));
  return Math.round(clamped * (0.9 + random() * 0.2));
}

/**
 * The delay before the next poll, from the caller's `pollInterval` or the default schedule. A function that returns
 * anything but a finite number >= 0 is an `InvalidOptionError`: a NaN would otherwise poll in a tight loop.
 */
export function nextPollDelay(interval: PollInterval | undefined, attempt: number, task: Task, now: number): number {
  if (interval === undefined) return defaultPollInterval(attempt, task, now);
  if (typeof interval === 'number') return interval;
  const value = interval(attempt, task);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError('pollInterval', `pollInterval returned ${describeValue(value)}; it must return a finite number of milliseconds >= 0.`);
  }
  return value;
}
