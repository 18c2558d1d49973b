// A batch with its cost known and bounded before anything is sent: the total estimate first, then a budget that
// refuses any job past it with BudgetExceededError (nothing uploaded, nothing created), and per-user daily limits.
import { BudgetExceededError, contentKey, type GenerateParams, type GenerationJob, WanClient } from 'evolink-wan';

const jobs: GenerationJob<GenerateParams>[] = [
  { id: 'alice-cat', params: { model: 'wan2.7-text-to-video', prompt: 'A cat playing piano', duration: 10 } },
  { id: 'alice-dog', params: { model: 'wan2.7-text-to-video', prompt: 'A dog surfing', duration: 5 } },
  { id: 'bob-city', params: { model: 'wan2.7-text-to-video', prompt: 'A neon city at night', duration: 10, quality: '1080p' } },
];
const owner = (job: GenerationJob<GenerateParams>) => job.id.split('-')[0]!;

const client = new WanClient({ budget: { maxUsdPerTask: 1, maxUsd: 2, perTag: { maxUsdPerDay: 1.5 } } });

// 1. What the whole batch costs, before anything is sent.
let total = 0;
for (const job of jobs) {
  const estimate = await client.estimateCost(job.params);
  total += estimate.usd ?? 0;
  console.log(`${job.id}: ${estimate.billedSeconds} s at ${estimate.quality} = $${estimate.usd}`);
}
console.log(`batch estimate: $${total.toFixed(2)}`);

// 2. Run it: each job's key is derived from its content, so a rerun after a crash bills nothing twice.
for (const job of jobs) {
  try {
    const task = await client.generate(job.params, { tag: owner(job), idempotencyKey: await contentKey(job.params) });
    console.log(`${job.id}: created ${task.id}`);
  } catch (error) {
    if (!(error instanceof BudgetExceededError)) throw error;
    console.log(`${job.id}: refused by ${error.limit} (nothing sent)`);
  }
}
await client.close();
