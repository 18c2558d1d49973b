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

/** Margin around the history's window: its durations were measured to within a poll gap. */
const MIN_PRIOR_MARGIN_MS = 2_000;
const PRIOR_MARGIN_SHARE = 0.05;

/**
 * The window in which tasks of its kind ended on this client (`priorEnd` ± `priorSpread`, plus a margin of 5 % of
 * the duration, at least 2 s), or `undefined` when there is no such history or the task has outlived the window: then
 * it is not like the others, and the history says nothing more.
 */
export function priorWindow(timing: PollTiming, now: number): { from: number; to: number } | undefined {
  const end = timing.priorEnd;
  if (end === undefined || !Number.isFinite(end)) return undefined;
  const half = (timing.priorSpread ?? 0) + Math.max(MIN_PRIOR_MARGIN_MS, PRIOR_MARGIN_SHARE * (end - timing.startedAt));
  if (!Number.isFinite(half) || now > end + half) return undefined;
  return { from: end - half, to: end + half };
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
