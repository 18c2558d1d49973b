import type { WanClient } from '../../client.js';
import type { CostEstimate } from '../../cost/estimate.js';
import { amountFlag, type FlagValues } from '../args.js';
import { UsageError } from '../exit-codes.js';
import type { Ui } from '../ui.js';
import { withLocalFiles } from './job-uploads.js';
import type { BatchJob } from './jobs-file.js';

/** The batch's `--max-usd`, `--max-seconds` and `--yes`. */
export interface BatchLimits {
  maxUsd: number | undefined;
  maxSeconds: number | undefined;
  yes: boolean;
}

/** The flags as limits for the whole run. */
export function batchLimits(values: FlagValues): BatchLimits {
  return {
    maxUsd: amountFlag(values, 'max-usd', 'USD'),
    maxSeconds: amountFlag(values, 'max-seconds', 'seconds'),
    yes: values.yes === true,
  };
}

/** What the jobs about to be submitted cost together; `usd`/`maxUsd` are `undefined` when a job has no known price. */
export interface BatchEstimate {
  jobs: number;
  billedSeconds: number;
  maxBilledSeconds: number;
  usd: number | undefined;
  maxUsd: number | undefined;
  exact: boolean;
}

const sum = (values: (number | undefined)[]): number | undefined =>
  values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + v!, 0);
const usd = (n: number | undefined): string => (n === undefined ? 'no known price' : `$${n.toFixed(2)}`);

/**
 * Estimates every job to be submitted (local clips measured, nothing uploaded or sent), prints the total, and refuses
 * (exit 2, nothing sent) when its most is over `--max-usd` or `--max-seconds`, or a USD limit cannot be checked for
 * want of a price, unless `--yes`: then the run goes ahead and the client's budget stops creates once the limit is
 * reached (those jobs fail with `BudgetExceededError` and are submitted again on the next run).
 */
export async function checkBatchCost(
  client: WanClient,
  jobs: BatchJob[],
  baseDir: string,
  limits: BatchLimits,
  ui: Ui,
): Promise<BatchEstimate> {
  const estimates: CostEstimate[] = [];
  for (const job of jobs) estimates.push(await client.estimateCost(withLocalFiles(job, baseDir)));
  const total: BatchEstimate = {
    jobs: jobs.length,
    billedSeconds: estimates.reduce((a, e) => a + e.billedSeconds, 0),
    maxBilledSeconds: estimates.reduce((a, e) => a + e.maxBilledSeconds, 0),
    usd: sum(estimates.map((e) => e.usd)),
    maxUsd: sum(estimates.map((e) => e.maxUsd)),
    exact: estimates.every((e) => e.exact),
  };
  ui.event('estimate', { ...total });
  const upTo = (exact: string, most: string) => (total.exact ? exact : `${exact} (up to ${most})`);
  ui.note(
    `Estimate for ${total.jobs} job(s): ${upTo(`${total.billedSeconds} s`, `${total.maxBilledSeconds} s`)} billed, ${upTo(usd(total.usd), usd(total.maxUsd))}.`,
  );
  const over: string[] = [];
  if (limits.maxUsd !== undefined && (total.maxUsd === undefined || total.maxUsd > limits.maxUsd))
    over.push(
      total.maxUsd === undefined
        ? `--max-usd ${limits.maxUsd} cannot be checked: a job has no known price`
        : `over --max-usd ${limits.maxUsd}`,
    );
  if (limits.maxSeconds !== undefined && total.maxBilledSeconds > limits.maxSeconds) over.push(`over --max-seconds ${limits.maxSeconds}`);
  if (over.length > 0 && !limits.yes) {
    throw new UsageError(
      `The batch's estimate is ${over.join(' and ')}; nothing was sent. Remove jobs, raise the limit, or pass --yes to submit jobs until the limit is spent.`,
    );
  }
  return total;
}
