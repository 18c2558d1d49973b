import type { WanClient } from '../../client.js';
import { Budget } from '../../cost/budget.js';
import type { CostEstimate } from '../../cost/estimate.js';
import { BudgetExceededError } from '../../errors/budget-error.js';
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
  /**
   * The jobs the limits leave out, each with the `BudgetExceededError` that refuses it (empty without `--yes`: an
   * estimate over a limit refuses the whole run).
   */
  refused: Map<string, BudgetExceededError>;
}

const sum = (values: (number | undefined)[]): number | undefined =>
  values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + v!, 0);
const usd = (n: number | undefined): string => (n === undefined ? 'no known price' : `$${n.toFixed(2)}`);

/**
 * The jobs past the limits, in file order: each job's estimate (its local clips measured) is reserved against a budget
 * of `--max-usd`/`--max-seconds` for the whole run; a job that does not fit is refused with that budget's error. This
 * is the run's budget: deciding here, before any job starts, is what keeps a refused job's files from being uploaded,
 * and reserves what a clip measures rather than the most a clip of unknown length could bill.
 */
async function refusedJobs(jobs: BatchJob[], estimates: CostEstimate[], limits: BatchLimits): Promise<Map<string, BudgetExceededError>> {
  const refused = new Map<string, BudgetExceededError>();
  if (limits.maxUsd === undefined && limits.maxSeconds === undefined) return refused;
  const budget = new Budget({ maxUsd: limits.maxUsd, maxSeconds: limits.maxSeconds });
  for (const [i, job] of jobs.entries()) {
    try {
      await budget.reserve(estimates[i]!, undefined);
    } catch (error) {
      if (!(error instanceof BudgetExceededError)) throw error;
      refused.set(job.id, error);
    }
  }
  return refused;
}

/**
 * Estimates every job to be submitted (local clips measured, nothing uploaded or sent), prints the total, and refuses
 * (exit 2, nothing sent) when its most is over `--max-usd` or `--max-seconds`, or a USD limit cannot be checked for
 * want of a price, unless `--yes`: then the run goes ahead with the jobs that fit, in file order; the others (in
 * `refused`) fail with `BudgetExceededError`, nothing of theirs uploaded, and are submitted again on the next run.
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
  const total: Omit<BatchEstimate, 'refused'> = {
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
  return { ...total, refused: await refusedJobs(jobs, estimates, limits) };
}
