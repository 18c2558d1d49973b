import { type BudgetExceededErrorInit, BudgetExceededError } from '../errors/budget-error.js';
import type { CostEstimate } from './estimate.js';
import { type BudgetLedger, MemoryLedger, type Spend, type SpendLimit } from './ledger.js';
import type { Quality } from './prices.js';

/** Per-tag daily limits, for multi-tenant apps: each request's `tag` (a user, a team, a feature) has its own totals. */
export interface PerTagBudget {
  /** USD a tag may reserve per UTC day. */
  maxUsdPerDay?: number | undefined;
  /** Billed seconds a tag may reserve per UTC day. */
  maxSecondsPerDay?: number | undefined;
}

/**
 * Limits checked **before anything is uploaded or created**; a request over any of them fails with a
 * `BudgetExceededError` and costs nothing. Where an input's length is unknown, the documented maximum counts.
 *
 * @example
 * ```ts
 * const client = new WanClient({ budget: { maxUsdPerTask: 1, maxQuality: '720p', maxUsd: 20, perTag: { maxUsdPerDay: 5 } } });
 * ```
 */
export interface BudgetOptions {
  /** Billed seconds one task may cost (input clips included). */
  maxSecondsPerTask?: number | undefined;
  /** USD one task may cost. Refuses models with no known price (configure `prices`, or use a seconds limit). */
  maxUsdPerTask?: number | undefined;
  /** The highest quality allowed: `'720p'` refuses 1080p. */
  maxQuality?: Quality | undefined;
  /** USD this client may reserve over its lifetime. Each create reserves its estimate; a task that fails where failures are not billed gives it back. */
  maxUsd?: number | undefined;
  /** Billed seconds this client may reserve over its lifetime, likewise. */
  maxSeconds?: number | undefined;
  /** Daily limits per request `tag`. */
  perTag?: PerTagBudget | undefined;
  /** Where per-tag totals live; in memory by default. Back it with Redis or Postgres to share limits between processes. */
  ledger?: BudgetLedger | undefined;
}

/** Reserved spend that can be given back once, e.g. when the create was refused or the task failed unbilled. */
export interface BudgetHold {
  /** What was reserved. */
  readonly amount: Spend;
  /** Gives the reservation back; a second call does nothing. */
  release(): Promise<void>;
}

const QUALITY_RANK: Record<Quality, number> = { '480p': 0, '720p': 1, '1080p': 2 };
const NO_HOLD: BudgetHold = { amount: { usd: 0, seconds: 0 }, release: async () => {} };

/** A client's budget: per-task limits, its lifetime totals and the per-tag daily ledger. */
export class Budget {
  readonly #options: BudgetOptions;
  readonly #lifetime = new MemoryLedger();
  readonly #ledger: BudgetLedger;
  readonly #now: () => number;

  constructor(options: BudgetOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#ledger = options.ledger ?? new MemoryLedger();
    this.#now = now;
  }

  /** Throws {@link BudgetExceededError} when a per-task limit refuses `estimate`. Synchronous: nothing is reserved. */
  check(estimate: CostEstimate): void {
    const o = this.#options;
    const refuse = (init: Omit<BudgetExceededErrorInit, 'model'>, message: string): never => {
      throw new BudgetExceededError({ ...init, model: estimate.model }, message);
    };
    if (o.maxQuality !== undefined && QUALITY_RANK[estimate.quality] > QUALITY_RANK[o.maxQuality]) {
      refuse(
        { limit: 'maxQuality', allowed: o.maxQuality, requested: estimate.quality },
        `${estimate.model} at ${estimate.quality} is over the budget's maxQuality ${o.maxQuality}; ask for quality '${o.maxQuality}'`,
      );
    }
    const seconds = estimate.maxBilledSeconds;
    if (o.maxSecondsPerTask !== undefined && seconds > o.maxSecondsPerTask) {
      refuse(
        { limit: 'maxSecondsPerTask', allowed: o.maxSecondsPerTask, requested: seconds },
        `${estimate.model} would bill ${describeSeconds(estimate)}, over the budget's maxSecondsPerTask of ${o.maxSecondsPerTask} s`,
      );
    }
    if (o.maxUsdPerTask !== undefined) {
      const usd = this.#usd(estimate, 'maxUsdPerTask');
      if (usd > o.maxUsdPerTask) {
        refuse(
          { limit: 'maxUsdPerTask', allowed: o.maxUsdPerTask, requested: usd },
          `${estimate.model} would cost ${describeUsd(estimate)}, over the budget's maxUsdPerTask of $${o.maxUsdPerTask}`,
        );
      }
    }
  }

  /**
   * Checks the per-task limits, then reserves `estimate` against the lifetime and per-tag totals, all or nothing.
   * Throws {@link BudgetExceededError} when a limit refuses (nothing stays reserved).
   */
  async reserve(estimate: CostEstimate, tag: string | undefined): Promise<BudgetHold> {
    this.check(estimate);
    const o = this.#options;
    const lifetime = { usd: o.maxUsd, seconds: o.maxSeconds };
    const daily = tag === undefined ? undefined : { usd: o.perTag?.maxUsdPerDay, seconds: o.perTag?.maxSecondsPerDay };
    const needsUsd = lifetime.usd !== undefined || daily?.usd !== undefined;
    if (lifetime.usd === undefined && lifetime.seconds === undefined && daily?.usd === undefined && daily?.seconds === undefined) {
      return NO_HOLD;
    }
    const amount: Spend = {
      usd: needsUsd ? this.#usd(estimate, lifetime.usd !== undefined ? 'maxUsd' : 'perTag.maxUsdPerDay') : (estimate.maxUsd ?? 0),
      seconds: estimate.maxBilledSeconds,
    };
    if (!this.#lifetime.reserve('lifetime', amount, lifetime)) {
      this.#refuseTotal(estimate, 'lifetime', lifetime, amount, this.#lifetime.totals('lifetime'), undefined);
    }
    const dayKey = tag === undefined ? undefined : `tag:${tag}:${new Date(this.#now()).toISOString().slice(0, 10)}`;
    if (dayKey !== undefined && daily !== undefined && (daily.usd !== undefined || daily.seconds !== undefined)) {
      let reserved = false;
      try {
        reserved = await this.#ledger.reserve(dayKey, amount, daily);
      } finally {
        if (!reserved) this.#lifetime.release('lifetime', amount);
      }
      if (!reserved) this.#refuseTotal(estimate, 'daily', daily, amount, await this.#ledger.totals(dayKey), tag);
    }
    let released = false;
    return {
      amount,
      release: async () => {
        if (released) return;
        released = true;
        this.#lifetime.release('lifetime', amount);
        if (dayKey !== undefined && daily !== undefined && (daily.usd !== undefined || daily.seconds !== undefined)) {
          await this.#ledger.release(dayKey, amount);
        }
      },
    };
  }

  /** The estimate's USD for a USD limit; a model with no price is refused rather than guessed. */
  #usd(estimate: CostEstimate, limit: 'maxUsdPerTask' | 'maxUsd' | 'perTag.maxUsdPerDay'): number {
    if (estimate.maxUsd !== undefined) return estimate.maxUsd;
    throw new BudgetExceededError(
      { limit, allowed: limitValue(this.#options, limit), requested: 'unknown', model: estimate.model },
      `${estimate.model} at ${estimate.quality} has no known price, so the budget's ${limit} cannot be checked; configure its ` +
        `price with the prices option ({ '${estimate.model}': { '${estimate.quality}': usdPerSecond } }) or use a seconds limit`,
    );
  }

  #refuseTotal(
    estimate: CostEstimate,
    scope: 'lifetime' | 'daily',
    limit: SpendLimit,
    amount: Spend,
    totals: Spend,
    tag: string | undefined,
  ): never {
    const overUsd = limit.usd !== undefined && totals.usd + amount.usd > limit.usd;
    const name = scope === 'lifetime' ? (overUsd ? 'maxUsd' : 'maxSeconds') : overUsd ? 'perTag.maxUsdPerDay' : 'perTag.maxSecondsPerDay';
    const allowed = overUsd ? limit.usd! : limit.seconds!;
    const spent = overUsd ? totals.usd : totals.seconds;
    const need = overUsd ? amount.usd : amount.seconds;
    const unit = (n: number) => (overUsd ? `$${round4(n)}` : `${round4(n)} s`);
    const whose = scope === 'lifetime' ? "this client's" : `tag "${tag}"'s daily`;
    throw new BudgetExceededError(
      { limit: name, allowed, requested: round4(spent + need), model: estimate.model, tag },
      `${estimate.model} needs ${unit(need)} but ${whose} budget has ${unit(Math.max(0, allowed - spent))} left of ${unit(allowed)} (${name})`,
    );
  }
}

function limitValue(options: BudgetOptions, limit: 'maxUsdPerTask' | 'maxUsd' | 'perTag.maxUsdPerDay'): number {
  return (limit === 'maxUsdPerTask' ? options.maxUsdPerTask : limit === 'maxUsd' ? options.maxUsd : options.perTag?.maxUsdPerDay) ?? 0;
}

function round4(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

function describeSeconds(e: CostEstimate): string {
  return e.exact ? `${e.billedSeconds} s` : `up to ${e.maxBilledSeconds} s (the length of ${e.unknownInputs.join(', ')} is not known)`;
}

function describeUsd(e: CostEstimate): string {
  return e.exact ? `$${e.usd}` : `up to $${e.maxUsd} (the length of ${e.unknownInputs.join(', ')} is not known)`;
}
