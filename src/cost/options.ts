import { InvalidOptionError } from '../errors/index.js';
import { checkNumber, checkOptionsObject, describeValue } from '../internal/check-option.js';
import { isRecord } from '../internal/is-record.js';
import type { BudgetOptions } from './budget.js';
import type { BudgetLedger } from './ledger.js';
import type { PriceTable, Quality } from './prices.js';

const QUALITIES: readonly Quality[] = ['480p', '720p', '1080p'];
const BUDGET_OPTIONS = ['maxSecondsPerTask', 'maxUsdPerTask', 'maxQuality', 'maxUsd', 'maxSeconds', 'perTag', 'ledger'] as const;

/** Checks the `prices` client option: `{ [modelId]: { [quality]: usdPerSecond | { withAudio, silent } } }`. */
export function checkPrices(value: unknown): PriceTable | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new InvalidOptionError('prices', `prices must be an object by model id; got ${describeValue(value)}.`);
  for (const [model, byQuality] of Object.entries(value)) {
    const where = `prices.${model}`;
    for (const [quality, price] of Object.entries(checkOptionsObject(where, byQuality, QUALITIES))) {
      if (isRecord(price)) {
        const p = checkOptionsObject(`${where}.${quality}`, price, ['withAudio', 'silent']);
        if (
          checkNumber(`${where}.${quality}.withAudio`, p.withAudio) === undefined ||
          checkNumber(`${where}.${quality}.silent`, p.silent) === undefined
        ) {
          throw new InvalidOptionError(`${where}.${quality}`, `${where}.${quality} needs both withAudio and silent (USD per second).`);
        }
      } else if (checkNumber(`${where}.${quality}`, price) === undefined) {
        throw new InvalidOptionError(`${where}.${quality}`, `${where}.${quality} must be USD per second, a number >= 0.`);
      }
    }
  }
  return value as PriceTable;
}

/** Checks the `budget` client option. */
export function checkBudget(value: unknown): BudgetOptions | undefined {
  if (value === undefined) return undefined;
  const o = checkOptionsObject('budget', value, BUDGET_OPTIONS);
  const perTag = checkOptionsObject('budget.perTag', o.perTag, ['maxUsdPerDay', 'maxSecondsPerDay']);
  if (o.maxQuality !== undefined && !QUALITIES.includes(o.maxQuality as Quality)) {
    throw new InvalidOptionError(
      'budget.maxQuality',
      `budget.maxQuality must be one of ${QUALITIES.join(', ')}; got ${describeValue(o.maxQuality)}.`,
    );
  }
  const ledger = o.ledger;
  if (ledger !== undefined && !hasMethods(ledger, ['reserve', 'release', 'totals'])) {
    throw new InvalidOptionError(
      'budget.ledger',
      'budget.ledger must have reserve(key, amount, limit), release(key, amount) and totals(key) methods.',
    );
  }
  return {
    maxSecondsPerTask: checkNumber('budget.maxSecondsPerTask', o.maxSecondsPerTask, { unit: 'seconds' }),
    maxUsdPerTask: checkNumber('budget.maxUsdPerTask', o.maxUsdPerTask),
    maxQuality: o.maxQuality as Quality | undefined,
    maxUsd: checkNumber('budget.maxUsd', o.maxUsd),
    maxSeconds: checkNumber('budget.maxSeconds', o.maxSeconds, { unit: 'seconds' }),
    perTag:
      o.perTag === undefined
        ? undefined
        : {
            maxUsdPerDay: checkNumber('budget.perTag.maxUsdPerDay', perTag.maxUsdPerDay),
            maxSecondsPerDay: checkNumber('budget.perTag.maxSecondsPerDay', perTag.maxSecondsPerDay, { unit: 'seconds' }),
          },
    ledger: ledger as BudgetLedger | undefined,
  };
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && names.every((n) => typeof (value as Record<string, unknown>)[n] === 'function');
}
