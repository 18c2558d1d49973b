import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/cost/budget.js';
import { estimateFrom } from '../../src/cost/estimate.js';
import { type BudgetLedger, MemoryLedger, type Spend, type SpendLimit } from '../../src/cost/ledger.js';
import { BudgetExceededError } from '../../src/errors/budget-error.js';
import { EvoLinkError } from '../../src/errors/index.js';
import type { ModelId } from '../../src/models/registry.js';

const estimate = (model: ModelId, params: Record<string, unknown>, clipSeconds: (number | undefined)[] = []) =>
  estimateFrom({ model, params: { model, ...params }, clipSeconds }, { provider: 'evolink' });
const t2v = (duration: number, quality = '720p') => estimate('wan2.7-text-to-video', { duration, quality });

function refusal(run: () => unknown): BudgetExceededError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toBeInstanceOf(EvoLinkError);
    return error as BudgetExceededError;
  }
  throw new Error('expected a BudgetExceededError');
}

async function rejection(promise: Promise<unknown>): Promise<BudgetExceededError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BudgetExceededError);
  return error as BudgetExceededError;
}

describe('per-task limits', () => {
  it('maxSecondsPerTask refuses over the limit and allows at it', () => {
    const budget = new Budget({ maxSecondsPerTask: 10 });
    expect(() => budget.check(t2v(10))).not.toThrow();
    const error = refusal(() => budget.check(t2v(11)));
    expect(error).toMatchObject({ limit: 'maxSecondsPerTask', allowed: 10, requested: 11, model: 'wan2.7-text-to-video' });
    expect(error.message).toContain('would bill 11 s, over the budget’s maxSecondsPerTask of 10 s'.replace('’', "'"));
    expect(error.message).toMatch(/nothing was uploaded or sent/);
  });

  it('maxUsdPerTask states the estimate and the limit', () => {
    const budget = new Budget({ maxUsdPerTask: 1 });
    expect(() => budget.check(t2v(10))).not.toThrow(); // $0.86
    const error = refusal(() => budget.check(t2v(10, '1080p'))); // $1.44
    expect(error).toMatchObject({ limit: 'maxUsdPerTask', allowed: 1, requested: 1.44 });
    expect(error.message).toMatch(/would cost \$1\.44, over the budget's maxUsdPerTask of \$1/);
  });

  it('maxQuality refuses a higher quality', () => {
    const error = refusal(() => new Budget({ maxQuality: '720p' }).check(t2v(5, '1080p')));
    expect(error).toMatchObject({ limit: 'maxQuality', allowed: '720p', requested: '1080p' });
    expect(() => new Budget({ maxQuality: '1080p' }).check(t2v(5, '1080p'))).not.toThrow();
  });

  it('a USD limit on a model with no known price refuses and says what to configure', () => {
    const error = refusal(() => new Budget({ maxUsdPerTask: 5 }).check(estimate('wan2.6-text-to-video', { duration: 5 })));
    expect(error.requested).toBe('unknown');
    expect(error.message).toMatch(/no known price/);
    expect(error.message).toMatch(/prices option/);
    expect(error.message).toMatch(/seconds limit/);
    // a seconds limit works without a price
    expect(() => new Budget({ maxSecondsPerTask: 5 }).check(estimate('wan2.6-text-to-video', { duration: 5 }))).not.toThrow();
  });

  it('unknown input lengths count at their documented maximum', () => {
    const e = estimate('wan2.7-video-edit', { duration: 0 }, [undefined]);
    const error = refusal(() => new Budget({ maxSecondsPerTask: 15 }).check(e));
    expect(error.message).toMatch(/up to 20 s \(the length of video_urls\[0\] is not known\)/);
  });
});

describe('lifetime totals', () => {
  it('each reservation counts; a release gives it back once', async () => {
    const budget = new Budget({ maxUsd: 2 });
    const first = await budget.reserve(t2v(10), undefined); // 0.86
    await budget.reserve(t2v(10), undefined); // 1.72
    const error = await rejection(budget.reserve(t2v(10), undefined));
    expect(error).toMatchObject({ limit: 'maxUsd', allowed: 2, requested: 2.58 });
    expect(error.message).toMatch(/has \$0\.28 left of \$2/);
    await first.release();
    await first.release(); // twice: no double credit
    await budget.reserve(t2v(10), undefined);
    await rejection(budget.reserve(t2v(10), undefined));
  });

  it('concurrent reservations never overspend', async () => {
    const budget = new Budget({ maxSeconds: 50 });
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => budget.reserve(t2v(5), undefined)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof BudgetExceededError)).toBe(true);
  });
});

/** A ledger whose every call takes a turn of the event loop, as a database would; atomic per key like Redis or SQL. */
class SlowLedger implements BudgetLedger {
  readonly inner = new MemoryLedger();
  readonly calls: string[] = [];
  async reserve(key: string, amount: Spend, limit: SpendLimit): Promise<boolean> {
    this.calls.push(`reserve ${key}`);
    await new Promise((r) => setImmediate(r));
    return this.inner.reserve(key, amount, limit);
  }
  async release(key: string, amount: Spend): Promise<void> {
    this.calls.push(`release ${key}`);
    await new Promise((r) => setImmediate(r));
    this.inner.release(key, amount);
  }
  async totals(key: string): Promise<Spend> {
    return this.inner.totals(key);
  }
}

describe('per-tag daily limits', () => {
  const day = Date.parse('2026-12-07T12:00:00Z');

  it('keeps each tag apart, per UTC day, in the ledger given', async () => {
    const ledger = new SlowLedger();
    let now = day;
    const budget = new Budget({ perTag: { maxUsdPerDay: 1 }, ledger }, () => now);
    await budget.reserve(t2v(10), 'alice');
    await budget.reserve(t2v(10), 'bob');
    const error = await rejection(budget.reserve(t2v(5), 'alice'));
    expect(error).toMatchObject({ limit: 'perTag.maxUsdPerDay', tag: 'alice', allowed: 1 });
    expect(error.message).toMatch(/tag "alice"'s daily budget has \$0\.14 left of \$1/);
    now = day + 24 * 3600_000;
    await budget.reserve(t2v(10), 'alice');
    expect(ledger.calls).toContain('reserve tag:alice:2026-12-08');
    // a request without a tag is not limited per tag
    await budget.reserve(t2v(10), undefined);
  });

  it('concurrent creates of one tag cannot overspend through an asynchronous ledger', async () => {
    const budget = new Budget({ perTag: { maxSecondsPerDay: 30 }, ledger: new SlowLedger() }, () => day);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => budget.reserve(t2v(5), 'team')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
  });

  it('a per-tag refusal gives the lifetime reservation back', async () => {
    const budget = new Budget({ maxSeconds: 100, perTag: { maxSecondsPerDay: 10 } }, () => day);
    await budget.reserve(t2v(10), 'a');
    await rejection(budget.reserve(t2v(10), 'a'));
    // 90 s of lifetime left, not 80: the refused create holds nothing
    for (let i = 0; i < 9; i++) await budget.reserve(t2v(10), `t${i}`);
    await rejection(budget.reserve(t2v(10), 'another'));
  });

  it('a released hold gives both totals back', async () => {
    const ledger = new SlowLedger();
    const budget = new Budget({ maxSeconds: 10, perTag: { maxSecondsPerDay: 10 }, ledger }, () => day);
    const hold = await budget.reserve(t2v(10), 'a');
    await hold.release();
    expect(await ledger.totals('tag:a:2026-12-07')).toEqual({ usd: 0, seconds: 0 });
    await budget.reserve(t2v(10), 'a');
  });
});
