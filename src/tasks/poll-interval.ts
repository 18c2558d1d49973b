import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';
import type { Task } from '../types/task.js';
import type { PollTiming } from './task-timing.js';

/**
 * Chooses the delay before the next poll: a number of milliseconds, or a function of the attempt, the last snapshot and
 * what the wait has learnt about the task's timing (pass that to `defaultPollInterval` to adjust the default).
 */
export type PollInterval = number | ((attempt: number, task: Task, timing: PollTiming) => number);

/** Share of the time left that the default schedule sleeps while the task is far from done. */
const SHARE_OF_REMAINING = 0.35;
/** How early, as a share of its expected duration, a task may end when only the estimate is known (it is often off by half). */
const ESTIMATE_ERROR = 0.3;
/** The longest default delay: far from the end, polls are at least this frequent. */
export const MAX_DEFAULT_POLL_MS = 20_000;
/** The densest default cadence near and after the predicted end, when a progress trend backs the prediction. */
export const NEAR_END_POLL_MS = 2_000;
/** The densest default cadence when only the estimate is known: the window to cover is wider, so a little sparser. */
export const ESTIMATE_ONLY_POLL_MS = 3_000;
/** The densest cadence at all, for tasks expected to take seconds (such as a local fake server's). */
export const MIN_DEFAULT_POLL_MS = 500;
/** The steady cadence while nothing hints at when the task will end (no estimate, no progress yet). */
export const UNINFORMED_POLL_MS = 5_000;

/** When the task should end: the estimate, then more and more the progress trend as progress grows. `NaN` if unknown. */
export function predictedEnd(timing: PollTiming): number {
  let fromProgress = Number.NaN;
  if (timing.level > 0) {
    const rate = (timing.level - timing.refLevel) / (timing.levelAt - timing.refAt);
    if (rate > 0 && Number.isFinite(rate)) fromProgress = timing.levelAt + (100 - timing.level) / rate;
  }
  if (Number.isNaN(fromProgress)) return timing.expectedEnd;
  if (Number.isNaN(timing.expectedEnd)) return fromProgress;
  const weight = timing.level / 100;
  return (1 - weight) * timing.expectedEnd + weight * fromProgress;
}

/**
 * The default wait schedule: the delay before the next poll, from what the wait has learnt about its task
 * (`PollTiming`: the create answer's `task_info.estimated_time`, the `progress` trend, the elapsed time).
 * - Far from the predicted end, sleep 35 % of the time left, at most 20 s: a five-minute job is read a few times.
 * - Near and after it, poll densely: every 2 s when a progress trend backs the prediction; from 30 % of the
 *   expected duration before the estimate and every 3 s when only the estimate is known (it is often off by half);
 *   a 25th of the expected duration, at least 0.5 s, for jobs of seconds (a local fake server's). A task running
 *   past its prediction is polled a little less often the later it gets.
 * - With no estimate and no progress yet, a steady 5 s.
 * ±10 % jitter spreads many waiters out. EvoLink asks clients not to poll aggressively: on the simulated tasks of
 * `bench/polling.mjs` (60–300 s, estimates off by up to ±50 %) it reads about half as often as a fixed 6 s poller and
 * notices the end about a second after it (median).
 *
 * @example
 * ```ts
 * // The default schedule, but never more often than every 10 s:
 * await handle.waitForResult({ pollInterval: (attempt, task, timing) => Math.max(10_000, defaultPollInterval(timing)) });
 * ```
 */
export function defaultPollInterval(timing: PollTiming, now: number = Date.now(), random: () => number = Math.random): number {
  const end = predictedEnd(timing);
  let delay: number;
  if (Number.isNaN(end)) {
    delay = UNINFORMED_POLL_MS;
  } else {
    const expectedDuration = Math.max(0, end - timing.startedAt);
    const trend = timing.level > 0;
    const floor = Math.min(trend ? NEAR_END_POLL_MS : ESTIMATE_ONLY_POLL_MS, Math.max(MIN_DEFAULT_POLL_MS, expectedDuration / 25));
    // Dense polling starts at the earliest plausible end: the prediction itself with a trend, well before it without.
    const untilDense = end - (trend ? 0 : ESTIMATE_ERROR * expectedDuration) - now;
    // Past the predicted end, space out slowly: by one floor per expected duration overdue.
    const overdue = Math.max(0, now - end);
    delay = Math.max(untilDense * SHARE_OF_REMAINING, floor * (1 + overdue / Math.max(expectedDuration, 1)));
  }
  // A timing that is not the wait's own (NaN or infinite fields) falls back to the steady cadence.
  if (!Number.isFinite(delay)) delay = UNINFORMED_POLL_MS;
  return Math.round(Math.min(MAX_DEFAULT_POLL_MS, delay) * (0.9 + random() * 0.2));
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
