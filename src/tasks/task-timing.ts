import type { Task } from '../types/task.js';

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
  /** The highest `progress` (0–99) seen, and about when it was reached. */
  readonly level: number;
  readonly levelAt: number;
  /** An earlier progress level and its time, about halfway back: the trend is measured from it to `level`. */
  readonly refLevel: number;
  readonly refAt: number;
}

/**
 * The wait's memory of its task's timing, updated from every answer (the create answer included, the only one the
 * documented API puts `estimated_time` on). A handful of numbers, so a thousand waits stay small; snapshots are not
 * kept and never modified.
 */
export class TaskTiming implements PollTiming {
  startedAt = Number.NaN;
  expectedEnd = Number.NaN;
  level = 0;
  levelAt = Number.NaN;
  refLevel = 0;
  refAt = Number.NaN;
  /** When the previous answer was read: a progress change happened between it and the next answer. */
  #seenAt = Number.NaN;

  /** Takes in one answer read at `now`. */
  observe(task: Task, now: number): void {
    if (Number.isNaN(this.startedAt)) {
      // The server's clock may run ahead of ours: a start in our future would stretch every estimate.
      this.startedAt = typeof task.created === 'number' && Number.isFinite(task.created) ? Math.min(task.created * 1000, now) : now;
      this.refAt = this.startedAt;
    }
    const eta = task.task_info?.estimated_time;
    if (typeof eta === 'number' && Number.isFinite(eta) && eta > 0) this.expectedEnd = this.startedAt + eta * 1000;
    // A gateway that reports the time left instead (novita's `eta`, as `remaining_time`) dates it from this answer.
    const left = task.task_info?.remaining_time;
    if (typeof left === 'number' && Number.isFinite(left) && left >= 0) this.expectedEnd = now + left * 1000;
    const progress = task.progress;
    if (typeof progress === 'number' && progress > this.level && progress < 100) {
      const at = Number.isNaN(this.#seenAt) ? now : (this.#seenAt + now) / 2;
      // Measure the trend from the change point nearest half the new level: long enough to smooth the quantisation
      // of the progress signal, recent enough to follow a curve that speeds up or slows down.
      if (this.level > 0 && Math.abs(this.level - progress / 2) <= Math.abs(this.refLevel - progress / 2)) {
        this.refLevel = this.level;
        this.refAt = this.levelAt;
      }
      this.level = progress;
      this.levelAt = at;
    }
    this.#seenAt = now;
  }
}
