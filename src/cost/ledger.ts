/** An amount of spend: USD and billed seconds. */
export interface Spend {
  usd: number;
  seconds: number;
}

/** Upper bounds for the totals under one ledger key; a missing bound is no bound. */
export interface SpendLimit {
  usd?: number | undefined;
  seconds?: number | undefined;
}

/**
 * Where budgets keep what is reserved, by key (`tag:<tag>:<YYYY-MM-DD>` for per-tag daily limits). Small on purpose,
 * so that it can be backed by Redis (a Lua script), Postgres (`UPDATE … SET usd = usd + $1 WHERE usd + $1 <= $2
 * RETURNING`) or anything with an atomic compare-and-add; the default keeps it in memory.
 */
export interface BudgetLedger {
  /**
   * Adds `amount` to the totals under `key` **only if** every total then stays within `limit`, atomically with respect
   * to every other `reserve` on the same key (concurrent creates must not overspend). Resolves `false`, having added
   * nothing, when a total would go over.
   */
  reserve(key: string, amount: Spend, limit: SpendLimit): boolean | Promise<boolean>;
  /** Takes a reserved amount back (a create that was refused, or a failed task where failures are not billed). */
  release(key: string, amount: Spend): void | Promise<void>;
  /** The totals reserved under `key` (zero for a key never used). */
  totals(key: string): Spend | Promise<Spend>;
}

/** A {@link BudgetLedger} in this process's memory: what one client (or several sharing it) has reserved. */
export class MemoryLedger implements BudgetLedger {
  readonly #totals = new Map<string, Spend>();

  reserve(key: string, amount: Spend, limit: SpendLimit): boolean {
    // Synchronous check-and-add: nothing else runs between the check and the update.
    const current = this.totals(key);
    const next = { usd: current.usd + amount.usd, seconds: current.seconds + amount.seconds };
    if (limit.usd !== undefined && next.usd > limit.usd + EPSILON) return false;
    if (limit.seconds !== undefined && next.seconds > limit.seconds + EPSILON) return false;
    this.#totals.set(key, next);
    return true;
  }

  release(key: string, amount: Spend): void {
    const current = this.totals(key);
    this.#totals.set(key, { usd: Math.max(0, current.usd - amount.usd), seconds: Math.max(0, current.seconds - amount.seconds) });
  }

  totals(key: string): Spend {
    return this.#totals.get(key) ?? { usd: 0, seconds: 0 };
  }
}

/** Float sums of prices (0.43 + 0.43) land a hair off; a limit is not exceeded by binary noise. */
const EPSILON = 1e-9;
