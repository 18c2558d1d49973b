import type { PollTiming } from './poll-timing.js';

/** How long past a trend's predicted end it is still believed: a tenth of the predicted duration, at least this. */
const MIN_TREND_GRACE_MS = 6_000;
const TREND_GRACE_SHARE = 0.1;

/**
 * When the progress trend says the task ends, or `NaN` when there is no confirmed trend. A trend is confirmed once it
 * is measured between two observed progress changes (`refLevel > 0`): the first change alone mixes in the queueing
 * time, and a single jump says nothing of the pace.
 */
export function trendPrediction(timing: PollTiming): number {
  if (!(timing.refLevel > 0)) return Number.NaN;
  const rate = (timing.level - timing.refLevel) / (timing.levelAt - timing.refAt);
  if (!(rate > 0) || !Number.isFinite(rate)) return Number.NaN;
  return timing.levelAt + (100 - timing.level) / rate;
}

/**
 * The trend's predicted end while it is still believed, else `NaN`: a prediction the task has outlived by a tenth of
 * its duration (at least 6 s) is spent, the trend was wrong.
 */
export function trendEnd(timing: PollTiming, now: number): number {
  const end = trendPrediction(timing);
  const grace = Math.max(MIN_TREND_GRACE_MS, TREND_GRACE_SHARE * (end - timing.startedAt));
  return now > end + grace ? Number.NaN : end;
}

/**
 * When the server's estimate says the task ends, or `NaN` once the task has outlived it: an overdue estimate only says
 * "later than this", which is no reason to keep polling densely.
 */
export function estimateEnd(timing: PollTiming, now: number): number {
  return now > timing.expectedEnd ? Number.NaN : timing.expectedEnd;
}

/**
 * When the task should end, with whether a confirmed progress trend backs it: the estimate, then more and more the
 * trend as progress grows. `end` is `NaN` when neither is known (or both are spent).
 */
export function predictedEnd(timing: PollTiming, now: number): { end: number; trend: boolean } {
  const fromTrend = trendEnd(timing, now);
  const fromEstimate = estimateEnd(timing, now);
  if (Number.isNaN(fromTrend)) return { end: fromEstimate, trend: false };
  if (Number.isNaN(fromEstimate)) return { end: fromTrend, trend: true };
  const weight = timing.level / 100;
  return { end: (1 - weight) * fromEstimate + weight * fromTrend, trend: true };
}
