import { resolve } from 'node:path';
import type { WanClient } from '../../client.js';
import type { GenerateParams } from '../../methods.js';
import { type GenerationEvent, type GenerationResult, type GenerationRunner, generateMany } from '../../tasks/generate-many.js';
import type { CompletedTask } from '../../tasks/task.js';
import { CLIENT_FLAGS, COMMON_FLAGS, type FlagValues, parseFlags, stringFlag, WAIT_FLAGS, waitFlags } from '../args.js';
import { clientFromEnv } from '../client-env.js';
import { providerFrom } from '../provider-env.js';
import { COMMAND_INFO } from '../commands/info.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT, exitCodeFor, UsageError } from '../exit-codes.js';
import { formatBytes } from '../format.js';
import { commandHelp } from '../help.js';
import { stopOf } from '../interrupt.js';
import { errorJson } from '../report-error.js';
import { saveWithStatus } from '../save-result.js';
import type { ProgressState } from '../task-progress.js';
import type { Ui } from '../ui.js';
import { BatchDisplay } from './batch-display.js';
import { batchLimits, checkBatchCost } from './batch-estimate.js';
import { withUploads } from './job-uploads.js';
import { type BatchJob, readJobsFile } from './jobs-file.js';
import { attentionReason, outputFile, planBatch, stateAfterFailure } from './plan.js';
import { BatchState, STATE_FILE } from './state-file.js';

const FLAGS = {
  ...COMMON_FLAGS,
  ...CLIENT_FLAGS,
  ...WAIT_FLAGS,
  'out-dir': { type: 'string' },
  concurrency: { type: 'string' },
  'max-usd': { type: 'string' },
  'max-seconds': { type: 'string' },
  yes: { type: 'boolean' },
  'retry-failed': { type: 'boolean' },
} as const;

/** `--concurrency`: 1–64, default 4. */
export function concurrencyOf(values: FlagValues): number {
  const raw = stringFlag(values, 'concurrency');
  if (raw === undefined) return 4;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--concurrency must be a whole number from 1 to 64; got "${raw}".`);
  return n;
}

/** Follows the jobs' events: the state file, the display and the JSON events. */
function onEvent(state: BatchState, display: BatchDisplay, ui: Ui): (event: GenerationEvent<GenerateParams>) => void {
  return (event) => {
    const id = event.job.id;
    if (event.type === 'submitted') {
      state.set(id, { ...state.get(id)!, status: 'submitted', taskId: event.task.id, error: undefined });
      ui.event('submitted', { id, taskId: event.task.id, model: event.task.model, status: event.task.status });
    } else if (event.type === 'progress') {
      ui.event('progress', { id, taskId: event.task.id, status: event.task.status, progress: event.task.progress });
    } else if (event.type === 'completed') {
      ui.event('completed', { id, taskId: event.task.id, url: event.task.url, expiresAt: event.task.expiresAt.toISOString() });
    } else {
      state.set(id, stateAfterFailure(state.get(id) ?? { status: 'pending', attempt: 1 }, event.error, event.taskId));
      ui.event('failed', {
        id,
        ...(event.taskId ? { taskId: event.taskId } : {}),
        exitCode: exitCodeFor(event.error),
        error: errorJson(event.error),
      });
    }
    display.update(event);
  };
}

/** Saves each completed job's video as `<outDir>/<id>.mp4` (in the job's slot) and records it as done. */
function saveJob(state: BatchState, outDir: string, ui: Ui, signal: AbortSignal, display: BatchDisplay) {
  return async (task: CompletedTask, job: { id: string }): Promise<string> => {
    display.downloading(job.id, true);
    try {
      // The batch status line counts jobs; a job's own download progress is not shown.
      const progress: ProgressState = { phase: 'downloading', startedAt: Date.now() };
      const saved = await saveWithStatus((dest, o) => task.download(dest, o), outputFile(outDir, job.id), {
        ui,
        state: progress,
        signal,
      });
      // Recorded before it is reported: whoever sees `saved` can rely on the state file.
      state.set(job.id, { ...state.get(job.id)!, status: 'done', taskId: task.id, file: saved.path, error: undefined });
      ui.event('saved', { id: job.id, taskId: task.id, path: saved.path, bytes: saved.bytes });
      display.saved(job.id, `${saved.path} (${formatBytes(saved.bytes)})`);
      return saved.path;
    } finally {
      display.downloading(job.id, false);
    }
  };
}

/**
 * Creates each job's task like `client.generateMany()` does, but uploads the job's local files first and records their
 * URLs in the state file, then marks the create as sent: a replay of the same key (now or after a crash) sends the
 * same body, which the API answers with the same task instead of a 409. A job the run's budget left out (`refused`)
 * fails with its error at once, before anything of it is uploaded.
 */
function runner(
  client: WanClient,
  jobs: BatchJob[],
  state: BatchState,
  baseDir: string,
  signal: AbortSignal,
  refused: ReadonlyMap<string, Error>,
): GenerationRunner<GenerateParams> {
  const byParams = new Map<unknown, BatchJob>(jobs.map((job) => [job.params, job]));
  return {
    submit: (params, options) => {
      const job = byParams.get(params)!;
      const overBudget = refused.get(job.id);
      const created = overBudget
        ? Promise.reject(overBudget)
        : withUploads(job, {
            client,
            baseDir,
            signal,
            recorded: state.get(job.id)?.uploads,
            record: (uploads) => state.set(job.id, { ...state.get(job.id)!, uploads }),
          }).then((resolved) => {
            state.set(job.id, { ...state.get(job.id)!, sent: true });
            // Wrapped: a TaskPromise is a thenable, and must stay a handle here.
            return { handle: client.generate(resolved, options) };
          });
      return {
        then: (onCreated, onFailed) => created.then((c) => c.handle).then(onCreated, onFailed),
        waitForResult: (wait) => created.then((c) => c.handle.waitForResult(wait)),
      };
    },
    wait: (id, wait) => client.tasks.wait(id, wait),
  };
}

function summarize(
  ui: Ui,
  results: GenerationResult<string, GenerateParams>[],
  plan: { skipped: { id: string; file: string }[]; held: { id: string; reason: string }[]; left: { id: string; reason: string }[] },
  state: BatchState,
  outDir: string,
): number {
  const { skipped, held, left } = plan;
  const done = results.filter((r) => r.status === 'completed').map((r) => ({ id: r.id, path: r.value }));
  const failed = results.flatMap((r) => {
    if (r.status !== 'failed') return [];
    const reason = state.get(r.id)?.status === 'attention' ? attentionReason(state, r.id, outDir) : r.error.message;
    return [{ id: r.id, taskId: r.taskId, reason, exitCode: exitCodeFor(r.error) }];
  });
  failed.push(...held.map((h) => ({ id: h.id, taskId: undefined, reason: h.reason, exitCode: EXIT.api })));
  failed.push(...left.map((l) => ({ id: l.id, taskId: state.get(l.id)?.taskId, reason: l.reason, exitCode: EXIT.taskFailed })));
  const statePath = state.path;
  ui.event('summary', { done, failed, skipped: skipped.map((s) => ({ id: s.id, path: resolve(s.file) })), state: resolve(statePath) });
  ui.result(`${done.length} done, ${failed.length} failed, ${skipped.length} skipped (already done). State: ${statePath}`);
  for (const f of failed) ui.result(`  ✖ ${f.id}: ${f.reason}`);
  return failed[0]?.exitCode ?? EXIT.ok;
}

async function run(context: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags(context.args, FLAGS, { names: ['jobs.jsonl'] });
  if (values.help) {
    context.printHelp(batchHelp());
    return 0;
  }
  const outDir = stringFlag(values, 'out-dir');
  if (outDir === undefined) throw new UsageError('batch needs --out-dir <dir>: the videos and the state file go there.');
  const concurrency = concurrencyOf(values);
  const wait = waitFlags(values, context.env);
  if (!providerFrom(values, context.env).idempotencyKeys) {
    throw new UsageError(
      'batch resumes without billing twice through idempotency keys, which this provider does not take; run its jobs one by one (evolink-wan t2v --provider novita …), or batch on EvoLink.',
    );
  }
  const { jobs, baseDir } = readJobsFile(positionals[0]!);
  const limits = batchLimits(values);
  const { ui, signal } = context;
  // No client budget: checkBatchCost decides up front which jobs fit the run's limits, from their measured estimates.
  // A client budget would reserve at each create, after the job's uploads, and would see only their URLs (clips of
  // unknown length, reserved at the most they could bill).
  const client = clientFromEnv(context.env, ui, { values });
  let state: BatchState | undefined;
  try {
    state = BatchState.open(outDir);
    const plan = planBatch(jobs, state, outDir, { retryFailed: values['retry-failed'] === true });
    const jobsById = new Map(jobs.map((job) => [job.id, job]));
    // Jobs with a task id are waited on, not created again: they cost nothing more.
    const toCreate = plan.run.filter((job) => job.taskId === undefined).map((job) => jobsById.get(job.id)!);
    const { refused } = await checkBatchCost(client, toCreate, baseDir, limits, ui);
    const display = new BatchDisplay(ui, jobs.length, plan.skipped.length);
    for (const s of plan.skipped) ui.event('skipped', { id: s.id, path: resolve(s.file) });
    for (const h of plan.held) ui.event('held', { id: h.id, reason: h.reason });
    for (const l of plan.left) ui.event('left', { id: l.id, reason: l.reason });
    display.start();
    const results = await generateMany(runner(client, jobs, state, baseDir, signal, refused), plan.run, {
      concurrency,
      signal,
      wait,
      onEvent: onEvent(state, display, ui),
      onCompleted: saveJob(state, outDir, ui, signal, display),
    });
    display.end();
    if (signal.aborted) {
      const resume = `evolink-wan ${['batch', ...context.args.filter((a) => a !== '--json')].join(' ')}`;
      const { exitCode, word } = stopOf(signal);
      ui.event('interrupted', { exitCode, resume, state: resolve(state.path) });
      ui.note(`${word}. Tasks already submitted keep running on the server; run the same command again to resume:`);
      ui.note(`  ${resume}`);
      return exitCode;
    }
    return summarize(ui, results, plan, state, outDir);
  } finally {
    state?.close();
    await client.close();
  }
}

function batchHelp(): string {
  return commandHelp(
    'evolink-wan batch <jobs.jsonl> --out-dir <dir> [--concurrency N] [--max-usd N [--yes]] [flags]',
    'Run many generations from a JSON Lines file, one job per line: {"id": "cat", "model": "wan2.7-text-to-video", "prompt": "…", …} (the fields of the model, as in evolink-wan schema <model>; local files relative to the jobs file). Each video is saved as <dir>/<id>.mp4.' +
      ` A state file (<dir>/${STATE_FILE}) records every job: run the same command again after a crash or Ctrl-C and it resumes — saved jobs are skipped, submitted ones are waited on by task id, and nothing is billed twice (each job's idempotency key comes from the batch and the job id, and its local files are uploaded once, their URLs recorded before the create). One run at a time: a second run on the same --out-dir exits 2 (a lock file holds the running one's pid). Jobs whose task failed are submitted again when the error may pass (a server error), not when it cannot (content_policy_violation, invalid_parameters: add --retry-failed after changing them); a job whose create may have made a task but cannot be replayed (a 409, or expired uploads) is held, with what to do. Before submitting it prints the estimated cost of the jobs it will create. Ends with a summary; the exit code is that of the first failed job (0 when all are done).`,
    {
      rows: [
        ['--out-dir <dir>', '(required) where the videos and the state file go'],
        ['--concurrency <n>', 'jobs in flight at once, 1–64 (default 4); they share one client, so a rate-limit pause holds them all'],
        ['--retry-failed', 'also resubmit jobs whose task failed with an error that is not retryable (a new task, billed again)'],
        ['--timeout <seconds>', 'stop waiting for each task after this long (default 900; 0 waits forever)'],
        ['--poll-interval <seconds>', "time between status checks (default: from the server's estimate, 3–15 s)"],
        [
          '--max-usd <usd>',
          'refuse (exit 2, nothing sent) when the estimate of the jobs to submit could exceed this; the run never spends more',
        ],
        ['--max-seconds <s>', 'the same for billed seconds'],
        ['--yes', 'submit anyway, as many jobs as fit within --max-usd/--max-seconds (the others wait for the next run)'],
      ],
    },
  );
}

/** `evolink-wan batch <jobs.jsonl> --out-dir <dir> [--concurrency N]`. */
export const batchCommand: Command = {
  ...COMMAND_INFO.batch,
  run,
};
