import { EvoLinkError } from './evolink-error.js';

/** Which budget limit refused a request. */
export type BudgetLimit =
  | 'maxSecondsPerTask'
  | 'maxUsdPerTask'
  | 'maxQuality'
  | 'maxUsd'
  | 'maxSeconds'
  | 'perTag.maxUsdPerDay'
  | 'perTag.maxSecondsPerDay';

/** What a {@link BudgetExceededError} knows. */
export interface BudgetExceededErrorInit {
  limit: BudgetLimit;
  /** The limit's value (USD, seconds, or a quality). */
  allowed: number | string;
  /** What the request would have needed: its estimate, or the total with what is already reserved. */
  requested: number | string;
  /** The model of the request. */
  model: string;
  /** The request's `tag`, for per-tag limits. */
  tag?: string | undefined;
}

/**
 * A budget limit (the `budget` client option) refused a request **before anything was uploaded or created**: no
 * credits were spent. The message states the estimate and the limit; `limit` names which one.
 */
export class BudgetExceededError extends EvoLinkError {
  static override readonly errorName: string = 'BudgetExceededError';
  /** The limit that refused, e.g. `maxUsdPerTask` or `perTag.maxUsdPerDay`. */
  readonly limit: BudgetLimit;
  /** The limit's value. */
  readonly allowed: number | string;
  /** What the request needed against that limit. */
  readonly requested: number | string;
  /** The request's model. */
  readonly model: string;
  /** The request's tag, for per-tag limits. */
  readonly tag: string | undefined;

  constructor(init: BudgetExceededErrorInit, message: string) {
    super(`${message} (nothing was uploaded or sent)`);
    this.limit = init.limit;
    this.allowed = init.allowed;
    this.requested = init.requested;
    this.model = init.model;
    this.tag = init.tag;
  }
}
