import type { DurationPrior } from './duration-history.js';
import type { PollTiming } from './poll-timing.js';
import type { Task } from './task.js';
import { trendPrediction } from './predicted-end.js';

export type { PollTiming } from './poll-timing.js';

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
