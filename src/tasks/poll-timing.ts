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
