import {
  createJobQueue,
  type JobQueue,
  type JobQueueOptions,
  type QueueEvent,
  type QueueJob,
  type QueueStatus,
} from '../../queue/index.js';
import type { GenerateParams } from '../../methods.js';
import { COMMON_FLAGS, type FlagValues, parseFlags, stringFlag, WAIT_FLAGS, waitFlags } from '../args.js';
import { concurrencyOf } from '../batch/batch-command.js';
import { hasLocalFiles, withUploads } from '../batch/job-uploads.js';
import { readJobsFile } from '../batch/jobs-file.js';
import type { RecordedUpload } from '../batch/state-file.js';
import { clientFromEnv } from '../client-env.js';
import { COMMAND_INFO } from './info.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { commandHelp } from '../help.js';
import type { Ui } from '../ui.js';
import { callbackPort, serveCallbacks } from './queue-callbacks.js';

const QUEUE_FLAGS = { ...COMMON_FLAGS, queue: { type: 'string' }, name: { type: 'string' } } as const;
const ADD_FLAGS = { ...QUEUE_FLAGS, 'callback-url': { type: 'string' } } as const;
const LIMIT_FLAGS = { ...QUEUE_FLAGS, set: { type: 'string', multiple: true }, clear: { type: 'boolean' } } as const;
const WORK_FLAGS = {
  ...QUEUE_FLAGS,
  ...WAIT_FLAGS,
  'out-dir': { type: 'string' },
  concurrency: { type: 'string' },
  'exit-when-idle': { type: 'boolean' },
  'callback-port': { type: 'string' },
} as const;
/** The queue's name when `--name` is not given. */
const DEFAULT_NAME = 'evolink-wan';

/** Opens the queue at `--queue` (or `EVOLINK_QUEUE_URL`) named `--name`. */
function openQueue(values: FlagValues, env: NodeJS.ProcessEnv, client?: JobQueueOptions['client']): Promise<JobQueue> {
  const connectionString = stringFlag(values, 'queue') ?? env.EVOLINK_QUEUE_URL;
  if (!connectionString) {
    throw new UsageError(
      'The queue lives in PostgreSQL: pass --queue <postgres-url> or set EVOLINK_QUEUE_URL=postgres://user:pass@host:5432/db.',
    );
  }
  return createJobQueue({ connectionString, name: stringFlag(values, 'name') ?? DEFAULT_NAME, client });
}

/** The earliest expiry among a job's uploads. */
function earliest(uploads: Record<string, RecordedUpload>): Date | undefined {
  const times = Object.values(uploads).map((u) => Date.parse(u.expiresAt));
  return times.length ? new Date(Math.min(...times)) : undefined;
}

/** `queue add <jobs.jsonl>`: checks the jobs, uploads their local files once, and stores them with their URLs. */
async function add(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, ADD_FLAGS, { names: ['jobs.jsonl'] });
  const { jobs, baseDir } = readJobsFile(positionals[0]!);
  const callbackUrl = stringFlag(values, 'callback-url');
  const { ui, signal } = context;
  const queue = await openQueue(values, context.env);
  let client: ReturnType<typeof clientFromEnv> | undefined;
  try {
    // Jobs already in the queue are left alone: their files are not uploaded again.
    const known = new Set((await queue.results()).map((r) => r.id));
    const fresh: QueueJob[] = [];
    for (const job of jobs.filter((j) => !known.has(j.id))) {
      let uploads: Record<string, RecordedUpload> = {};
      if (hasLocalFiles(job)) client ??= clientFromEnv(context.env, ui);
      const params = client
        ? await withUploads(job, {
            client,
            baseDir,
            signal,
            recorded: undefined,
            record: (recorded) => {
              uploads = recorded;
            },
          })
        : (job.params as GenerateParams);
      // Jobs with a callback_url are finished by the callback (queue work --callback-port), polled only as a fallback.
      const withCallback = callbackUrl === undefined || 'callback_url' in params ? params : { ...params, callback_url: callbackUrl };
      fresh.push({ id: job.id, params: withCallback, uploadsExpireAt: earliest(uploads) });
    }
    const { added, existing } = await queue.add(fresh);
    const skipped = [...jobs.filter((j) => known.has(j.id)).map((j) => j.id), ...existing];
    for (const id of added) ui.event('added', { id });
    for (const id of skipped) ui.event('existing', { id });
    ui.result(`${added.length} added, ${skipped.length} already in queue "${queue.name}".`);
    return EXIT.ok;
  } finally {
    await queue.close();
    await client?.close();
  }
}

/** One line per event on a terminal; JSON lines with `--json`. */
function report(ui: Ui, event: QueueEvent): void {
  if (event.type === 'error') {
    ui.note(`queue: ${event.error instanceof Error ? event.error.message : String(event.error)}`);
    return;
  }
  const { type, ...fields } = event;
  ui.event(type, fields);
  if (type === 'completed') ui.result(`✔ ${event.id}: ${event.location}`);
  else if (type === 'failed' || type === 'held') ui.result(`✖ ${event.id} ${type}: ${event.reason}`);
  else if (type === 'paused') ui.note(`Rate-limited: every worker of the queue waits until ${new Date(event.until).toISOString()}.`);
}

/** `queue work --out-dir <dir>`: runs jobs until SIGTERM/Ctrl-C (graceful) or, with `--exit-when-idle`, until none is left. */
async function work(context: CommandContext, args: string[]): Promise<number> {
  const { values } = parseFlags(args, WORK_FLAGS);
  const outDir = stringFlag(values, 'out-dir');
  if (outDir === undefined) throw new UsageError('queue work needs --out-dir <dir>: each video is saved there as <id>.mp4.');
  const concurrency = concurrencyOf(values);
  const port = callbackPort(stringFlag(values, 'callback-port'));
  const wait = waitFlags(values, context.env);
  const { ui } = context;
  const client = clientFromEnv(context.env, ui);
  // SIGTERM (a deploy, a scale-down) stops like Ctrl-C: no new jobs, waits released for another worker, exit 0.
  const stop = new AbortController();
  const onStop = (): void => stop.abort();
  process.once('SIGTERM', onStop);
  context.signal.addEventListener('abort', onStop, { once: true });
  try {
    const queue = await openQueue(values, context.env, client);
    const stopCallbacks =
      port === undefined
        ? undefined
        : await serveCallbacks(queue, port, ui).catch(async (error: unknown) => {
            await queue.close();
            throw error;
          });
    try {
      await queue.work({
        outDir,
        concurrency,
        signal: stop.signal,
        exitWhenIdle: values['exit-when-idle'] === true,
        wait,
        onEvent: (event) => report(ui, event),
      });
    } finally {
      await stopCallbacks?.();
      await queue.close();
    }
    if (stop.signal.aborted) ui.note('Stopped: jobs in flight were released for another worker (their tasks keep running).');
    return EXIT.ok;
  } finally {
    process.off('SIGTERM', onStop);
    await client.close();
  }
}

function printStatus(ui: Ui, name: string, status: QueueStatus): void {
  if (ui.json) {
    ui.data({ queue: name, ...status });
    return;
  }
  const { queued, active, completed, failed, held } = status;
  ui.result(`queue "${name}": ${queued} queued, ${active} active, ${completed} completed, ${failed} failed, ${held} held`);
  if (status.pausedUntil) ui.result(`paused by a rate limit until ${new Date(status.pausedUntil).toISOString()}`);
  for (const p of status.problems) ui.result(`  ✖ ${p.id} ${p.state}${p.taskId ? ` (task ${p.taskId})` : ''}: ${p.reason}`);
}

/** `queue status [--json]`: counts by state and why each failed or held job stopped. */
async function status(context: CommandContext, args: string[]): Promise<number> {
  const { values } = parseFlags(args, QUEUE_FLAGS);
  const queue = await openQueue(values, context.env);
  try {
    printStatus(context.ui, queue.name, await queue.status());
    return EXIT.ok;
  } finally {
    await queue.close();
  }
}

/** The `--set <model>=<n>` pairs of `queue limits`. */
function parseLimits(pairs: string[]): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([^=\s]+)=(\d+)$/.exec(pair);
    if (!match || Number(match[2]) < 1) {
      throw new UsageError(`queue limits --set takes <model>=<n> with n ≥ 1, like --set wan2.7-text-to-video=10; got "${pair}".`);
    }
    limits[match[1]!] = Number(match[2]);
  }
  return limits;
}

/** `queue limits [--set <model>=<n> …] [--clear]`: sets the queue-wide limits per model (replacing them), or prints them. */
async function limits(context: CommandContext, args: string[]): Promise<number> {
  const { values } = parseFlags(args, LIMIT_FLAGS);
  const pairs = (values.set ?? []) as string[];
  if (values.clear === true && pairs.length > 0) throw new UsageError('queue limits takes --set or --clear, not both.');
  const change = values.clear === true || pairs.length > 0;
  const limitsToSet = parseLimits(pairs);
  const { ui } = context;
  const queue = await openQueue(values, context.env);
  try {
    if (change) await queue.setModelLimits(limitsToSet);
    const current = await queue.modelLimits();
    if (ui.json) ui.data({ queue: queue.name, limits: current });
    else {
      const entries = Object.entries(current);
      ui.result(`queue "${queue.name}": ${entries.length ? entries.map(([m, n]) => `${m} ≤ ${n}`).join(', ') : 'no limits per model'}`);
      if (change) ui.note('Running workers read the limits when they start: restart them to apply.');
    }
    return EXIT.ok;
  } finally {
    await queue.close();
  }
}

const SUBCOMMANDS = { add, work, status, limits } as const;

function queueHelp(): string {
  return commandHelp(
    'evolink-wan queue add <jobs.jsonl> [--callback-url <https-url>] | work --out-dir <dir> [--concurrency N] [--exit-when-idle] [--callback-port <port>] | status [--json] | limits [--set <model>=<n> …] [--clear]',
    'A durable job queue in PostgreSQL (pg-boss), for any number of workers on any number of machines. `add` takes the jobs file of `batch`, checks it, uploads local files once and stores their URLs with the jobs (adding a job id again adds nothing). `work` runs jobs and saves each video as <dir>/<id>.mp4, until SIGTERM or Ctrl-C (graceful: running waits are released for another worker, exit 0) or, with --exit-when-idle, until nothing is queued or running. A worker killed anywhere is taken over by another after its lease expires, which waits on the stored task id or replays the create under the same key: nothing is billed twice. `status` prints counts by state and why each failed or held job stopped. `limits` sets the tasks of a model in flight at once across every worker (workers read them when they start). Needs the optional packages pg-boss and pg.',
    {
      rows: [
        ['--queue <postgres-url>', 'the database (or EVOLINK_QUEUE_URL)'],
        ['--name <name>', `the queue's name (default ${DEFAULT_NAME}); job keys derive from it`],
        ['--callback-url <https-url>', "(add) the public URL of your workers' callback route, for jobs without a callback_url"],
        ['--out-dir <dir>', '(work) where the videos go'],
        ['--concurrency <n>', '(work) jobs this worker runs at once, 1–64 (default 4)'],
        ['--exit-when-idle', '(work) exit once no job is queued or running'],
        ['--set <model>=<n>', '(limits) at most n tasks of the model in flight across every worker; repeat per model'],
        ['--clear', '(limits) lift every limit per model'],
        [
          '--callback-port <port>',
          "(work) take EvoLink's callbacks on this port; jobs with a callback_url are then polled only every 30 s",
        ],
        ['--timeout <seconds>', '(work) stop one wait after this long; the job goes back to the queue, its task id kept'],
        ['--poll-interval <seconds>', '(work) time between status checks'],
      ],
    },
  );
}

async function run(context: CommandContext): Promise<number> {
  const [sub, ...rest] = context.args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    context.printHelp(queueHelp());
    return 0;
  }
  const handler = SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS];
  if (!handler) throw new UsageError(`queue takes add, work, status or limits; got "${sub}". See evolink-wan queue --help.`);
  if (rest.includes('--help') || rest.includes('-h')) {
    context.printHelp(queueHelp());
    return 0;
  }
  return handler(context, rest);
}

/** `evolink-wan queue add|work|status`. */
export const queueCommand: Command = {
  ...COMMAND_INFO.queue,
  run,
};
