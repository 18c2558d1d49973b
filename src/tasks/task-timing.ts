import type { DurationPrior } from './duration-history.js';
import type { Task } from './task.js';

/**
 * What a wait has learnt about when its task will finish, from the answers read so far: the inputs of the default
 * poll schedule (`defaultPollInterval`). Times are epoch milliseconds on the caller's clock; `NaN` means "not known".
 */
export interface PollTiming {
  /** When the task began: its `created` (never later than when it was first seen), else when it was first seen. */
  readonly startedAt: number;
  /**
   * When the server expects it done: `startedAt + task_info.estimated_time`, or `now + task_info.remaining_time`, from
   * the latest answer that said.
   */
  readonly expectedEnd: number;
  /**
   * The earliest a task of its model can end: `startedAt` plus the shortest time a generation of that model takes
   * (`NaN` when the answers name no known model).
   */
  readonly earliestEnd: number;
  /** How many answers the wait has taken in (the create answer included). */
  readonly answers: number;
  /** The highest `progress` (0–99) seen, and about when it was reached. */
  readonly level: number;
  readonly levelAt: number;
  /** An earlier progress level and its time, about halfway back: the trend is measured from it to `level`. */
  readonly refLevel: number;
  readonly refAt: number;
  /**
   * When the tasks of its kind (model, duration, quality) that this client saw complete suggest it ends: `startedAt`
   * plus their median duration. `NaN` or absent: fewer than three such tasks, or durations not similar enough.
   */
  readonly priorEnd?: number;
  /** How far either side of `priorEnd` those tasks ended, in ms. */
  readonly priorSpread?: number;
}

/**
 * The shortest time a task of `model` is assumed to take: no Wan video generation ends within seconds, so reads
 * before this only spend the gateway's patience. Conservative: 30 s, 20 s for the `-flash` models; `NaN` for a model
 * that is not Wan's (or none named).
 */
export function shortestDurationMs(model: string | undefined): number {
  if (typeof model !== 'string' || !/^wan\d/.test(model)) return Number.NaN;
  return model.includes('flash') ? 20_000 : 30_000;
}

/**
 * The wait's memory of its task's timing, updated from every answer (the create answer included, the only one the
 * documented API puts `estimated_time` on). A handful of numbers, so a thousand waits stay small; snapshots are not
 * kept and never modified.
 */
export class TaskTiming implements PollTiming {
  startedAt = Number.NaN;
  expectedEnd = Number.NaN;
  earliestEnd = Number.NaN;
  answers = 0;
  level = 0;
  levelAt = Number.NaN;
  refLevel = 0;
  refAt = Number.NaN;
  priorEnd = Number.NaN;
  priorSpread = Number.NaN;
  readonly #prior: DurationPrior | undefined;
  /** When the previous answer was read: a progress change happened between it and the next answer. */
  #seenAt = Number.NaN;

  /** `prior`: what tasks of the same kind took on this client, when the wait began (see `DurationHistory`). */
  constructor(prior?: DurationPrior) {
    this.#prior = prior;
  }

  /** Takes in one answer read at `now`. */
  observe(task: Task, now: number): void {
    this.answers++;
    if (Number.isNaN(this.startedAt)) {
      // The server's clock may run ahead of ours: a start in our future would stretch every estimate.
      this.startedAt = typeof task.created === 'number' && Number.isFinite(task.created) ? Math.min(task.created * 1000, now) : now;
      this.refAt = this.startedAt;
      if (this.#prior) {
        this.priorEnd = this.startedAt + this.#prior.durationMs;
        this.priorSpread = this.#prior.spreadMs;
      }
    }
    if (Number.isNaN(this.earliestEnd)) this.earliestEnd = this.startedAt + shortestDurationMs(task.model);
    const eta = task.task_info?.estimated_time;
    if (typeof eta === 'number' && Number.isFinite(eta) && eta > 0) this.expectedEnd = this.startedAt + eta * 1000;
    // A gateway that reports the time left instead (novita's `eta`, as `remaining_time`) dates it from this answer.
    const left = task.task_info?.remaining_time;
    if (typeof left === 'number' && Number.isFinite(left) && left >= 0) this.expectedEnd = now + left * 1000;
    const progress = task.progress;
    if (typeof progress === 'number' && progress > this.level && progress < 100) this.#rise(progress, now);
    this.#seenAt = now;
  }

  #rise(progress: number, now: number): void {
    const at = Number.isNaN(this.#seenAt) ? now : (this.#seenAt + now) / 2;
    if (this.refLevel > 0 && !(now <= trendPrediction(this))) {
      // The task outlived what the trend predicted (progress raced, then crawls): measure the pace afresh from the
      // latest change, not across the burst.
      this.refLevel = this.level;
      this.refAt = this.levelAt;
    } else if (this.level > 0 && Math.abs(this.level - progress / 2) <= Math.abs(this.refLevel - progress / 2)) {
      // Measure the trend from the change point nearest half the new level: long enough to smooth the quantisation
      // of the progress signal, recent enough to follow a curve that speeds up or slows down.
      this.refLevel = this.level;
      this.refAt = this.levelAt;
    }
    this.level = progress;
    this.levelAt = at;
  }
}

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
