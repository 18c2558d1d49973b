import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';
import type { Task } from './task.js';
import { predictedEnd, priorWindow } from './task-timing.js';
import type { PollTiming } from './task-timing.js';

/**
 * Chooses the delay before the next poll: a number of milliseconds, or a function of the attempt, the last snapshot and
 * what the wait has learnt about the task's timing (pass that to `defaultPollInterval` to adjust the default).
 */
export type PollInterval = number | ((attempt: number, task: Task, timing: PollTiming) => number);

/** Share of the time left that the default schedule sleeps while the task is far from done. */
const SHARE_OF_REMAINING = 0.35;
/** The longest default delay: far from the end, polls are at least this frequent. */
export const MAX_DEFAULT_POLL_MS = 20_000;
/** The densest default cadence near and after the predicted end, when a confirmed progress trend backs the prediction. */
export const NEAR_END_POLL_MS = 2_000;
/** The sparsest cadence inside the window tasks of the same kind ended in (a wide window is read less densely). */
export const PRIOR_WINDOW_POLL_MS = 3_000;
/** The densest cadence at all, for tasks expected to take seconds (such as a local fake server's). */
export const MIN_DEFAULT_POLL_MS = 500;
/**
 * The steady cadence while nothing trustworthy says when the task will end (no estimate or an overdue one, no confirmed
 * trend): a little denser than a fixed 6 s poller, paid for by not polling before the model's shortest duration.
 */
export const UNINFORMED_POLL_MS = 5_500;
/** The read budget: never more reads since the task began than one per this many ms, plus `BUDGET_ALLOWANCE`. */
export const BUDGET_POLL_MS = 6_000;
const BUDGET_ALLOWANCE = 2;
/** Below this expected duration a task is one of seconds (a local fake server's) when its model is not known. */
const QUICK_TASK_MS = 20_000;
/** The longest default delay of all: the first poll waits at most this long for the model's shortest duration. */
export const LONGEST_WAIT_MS = 30_000;

/**
 * The default wait schedule: the delay before the next poll, from what the wait has learnt about its task
 * (`PollTiming`: the create answer's `task_info.estimated_time`, the `progress` trend, the model, the elapsed time).
 * - No poll before the model's shortest duration (about 30 s for Wan video, 20 s for `-flash` models), unless the
 *   server expects the task sooner (a local fake server's tasks of seconds).
 * - With a confirmed progress trend (measured between two progress changes): far from the predicted end, sleep 35 %
 *   of the time left (at most 20 s); near and after it, every 2 s, spacing out slowly. A trend the task outlives by a
 *   tenth of its duration is dropped, and the next change measures a new one.
 * - Without a trend, when this client has seen at least three tasks of the same model, duration and quality complete
 *   at similar times (within a quarter of their median): sparse up to the window they ended in, every 2–3 s inside it.
 * - Otherwise the steady cadence, every 5.5 s: an estimate alone (often off by half, sometimes by 2–3×) never makes
 *   polling sparser, and one the task has outlived says nothing more.
 * - Never more reads since the task began than one per 6 s (plus two): whatever the gateway reports, the schedule
 *   reads no more often than a fixed 6 s poller.
 * ±10 % jitter spreads many waiters out. On the simulated tasks of `bench/polling.mjs` (60–300 s) it notices the end
 * sooner than a fixed 6 s poller with fewer reads in every scenario the benchmark runs (estimates off by half, progress
 * stuck at 0 or racing then crawling); with an estimate and honest progress, about a second after the end with about
 * half the reads.
 *
 * @example
 * ```ts
 * // The default schedule, but never more often than every 10 s:
 * await handle.waitForResult({ pollInterval: (attempt, task, timing) => Math.max(10_000, defaultPollInterval(timing)) });
 * ```
 */
export function defaultPollInterval(timing: PollTiming, now: number = Date.now(), random: () => number = Math.random): number {
  const { end, trend } = predictedEnd(timing, now);
  // A server that expects the task sooner than any real generation takes (a local fake server) is believed: its tasks
  // are polled every 25th of the estimate, spacing out slowly once it is overdue.
  const estimated = timing.expectedEnd - timing.startedAt;
  const shortest = timing.earliestEnd - timing.startedAt;
  const quickPace = estimated < (Number.isFinite(shortest) ? shortest : QUICK_TASK_MS) ? Math.max(MIN_DEFAULT_POLL_MS, estimated / 25) : 0;
  const steady = quickPace ? quickPace * (1 + Math.max(0, now - timing.expectedEnd) / Math.max(estimated, 1)) : UNINFORMED_POLL_MS;
  let delay = steady;
  if (trend) {
    const expectedDuration = Math.max(0, end - timing.startedAt);
    const floor = Math.min(NEAR_END_POLL_MS, Math.max(MIN_DEFAULT_POLL_MS, expectedDuration / 25));
    // Past the predicted end, space out slowly: by one floor per expected duration overdue.
    const overdue = Math.max(0, now - end);
    delay = Math.max((end - now) * SHARE_OF_REMAINING, floor * (1 + overdue / Math.max(expectedDuration, 1)));
  } else if (!quickPace) {
    // No trend, but tasks of the same kind ended in a window: half the time to it (at least the steady cadence, never
    // past its start), then dense inside it. Once the task outlives the window the steady cadence takes over.
    const window = priorWindow(timing, now);
    if (window && now < window.from) delay = Math.max(Math.min(steady, window.from - now), (window.from - now) / 2);
    else if (window) delay = Math.min(PRIOR_WINDOW_POLL_MS, Math.max(NEAR_END_POLL_MS, (window.to - window.from) / 16));
  }
  // A timing that is not the wait's own (NaN or infinite fields) falls back to the steady cadence.
  if (!Number.isFinite(delay)) delay = UNINFORMED_POLL_MS;
  delay = Math.min(MAX_DEFAULT_POLL_MS, delay) * (0.9 + random() * 0.2);
  if (!quickPace && timing.earliestEnd > now) delay = Math.max(delay, Math.min(LONGEST_WAIT_MS, timing.earliestEnd - now));
  const budgeted = timing.startedAt + (quickPace || BUDGET_POLL_MS) * (timing.answers - BUDGET_ALLOWANCE) - now;
  if (budgeted > delay) delay = Math.min(LONGEST_WAIT_MS, budgeted);
  return Math.round(Math.max(MIN_DEFAULT_POLL_MS * 0.9, delay));
}

/**
 * The delay before the next poll, from the caller's `pollInterval` or the default schedule. A function that returns
 * anything but a finite number >= 0 is an `InvalidOptionError`: a NaN would otherwise poll in a tight loop.
 */
export function nextPollDelay(interval: PollInterval | undefined, attempt: number, task: Task, timing: PollTiming, now: number): number {
  if (interval === undefined) return defaultPollInterval(timing, now);
  if (typeof interval === 'number') return interval;
  const value = interval(attempt, task, timing);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError(
      'pollInterval',
      `pollInterval returned ${describeValue(value)}; it must return a finite number of milliseconds >= 0.`,
    );
  }
  return value;
}
