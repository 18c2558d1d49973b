import { NotFoundError, ResultExpiredError, TaskError, TaskTimeoutError } from '../errors/index.js';
import type { CompletedTask, Task } from '../tasks/task.js';
import { EXIT } from './exit-codes.js';
import { formatBytes, formatDuration, shellQuote } from './format.js';
import { stopOf } from './interrupt.js';
import { saveWithStatus } from './save-result.js';
import { type ProgressState, renderProgress, secondsLeft } from './task-progress.js';
import type { Ui } from './ui.js';

/** How to follow one task to its end. */
export interface FollowOptions {
  ui: Ui;
  signal: AbortSignal;
  /** `-o`: where to save the video; the URL is printed when omitted. */
  out: string | undefined;
  state: ProgressState;
  /** Starts the wait, reporting each new snapshot. */
  wait(onProgress: (task: Task) => void): Promise<CompletedTask>;
}

/** The `submitted` event and status for a created task. */
export function reportSubmitted(ui: Ui, state: ProgressState, task: Task, idempotencyKey: string | undefined): void {
  state.task = task;
  state.phase = 'waiting';
  ui.event('submitted', {
    taskId: task.id,
    model: task.model,
    status: task.status,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(task.task_info?.estimated_time !== undefined ? { estimatedTime: task.task_info.estimated_time } : {}),
    ...(task.usage !== undefined ? { usage: task.usage } : {}),
  });
  // What the task reserved, for the person at the terminal too (JSON mode has it in the event above).
  const reserved = task.usage?.credits_reserved;
  if (!ui.json && reserved !== undefined)
    ui.note(`Task ${task.id} created: ${reserved} credits reserved${task.usage?.billing_rule ? ` (${task.usage.billing_rule})` : ''}.`);
  ui.redraw();
}

/**
 * Waits for the task with a live status (or `progress` events), then saves the video to `out` (or prints its URL):
 * events `progress`…, `completed`, `saved`.
 */
export async function followTask(options: FollowOptions): Promise<number> {
  const { ui, state } = options;
  state.phase = 'waiting';
  ui.startStatus((spinner) => renderProgress(state, spinner, ui.colors));
  const done = await options.wait((task) => {
    state.task = task;
    const left = secondsLeft(task, Date.now());
    ui.event('progress', {
      taskId: task.id,
      status: task.status,
      progress: task.progress,
      elapsedMs: Date.now() - state.startedAt,
      ...(left !== undefined ? { secondsLeft: Math.round(left) } : {}),
    });
    ui.redraw();
  });
  state.task = done;
  ui.event('completed', { taskId: done.id, url: done.url, results: done.results, expiresAt: done.expiresAt.toISOString() });
  const took = formatDuration(Date.now() - state.startedAt);
  if (options.out === undefined) {
    ui.endStatus(ui.colors.green(`✔ ${done.id} completed in ${took}`));
    ui.result(done.url);
    return EXIT.ok;
  }
  const saved = await saveWithStatus((dest, o) => done.download(dest, o), options.out, {
    ui,
    state,
    signal: options.signal,
  });
  ui.event('saved', { taskId: done.id, ...saved });
  ui.endStatus(ui.colors.green(`✔ ${done.id} completed in ${took}, saved ${options.out} (${formatBytes(saved.bytes)})`));
  ui.result(saved.path);
  return EXIT.ok;
}

/**
 * What to say after a command that followed task `taskId` failed, by what is true of the task: a wait that timed out
 * or lost the connection leaves it running (resume with `wait`); a task that failed, was cancelled or is unknown runs
 * no more (nothing to resume); a completed one whose video could not be saved is ready to be saved again.
 */
export function hintsAfterFailure(error: unknown, taskId: string, out: string | undefined, state: ProgressState): string[] {
  const keepsRunning = [`The task keeps running on the server; resume with: ${resumeCommand(taskId, out)}`];
  if (error instanceof TaskTimeoutError) return keepsRunning;
  // Failed, cancelled, gone, or its video expired: nothing runs on to resume.
  if (error instanceof TaskError || error instanceof ResultExpiredError || error instanceof NotFoundError) return [];
  if (state.phase === 'downloading' && out !== undefined)
    return [`The video is ready on the server; once the problem is fixed, save it with: ${resumeCommand(taskId, out, 'download')}`];
  return keepsRunning;
}

/** The command that resumes waiting for a task, ready to paste. */
export function resumeCommand(taskId: string, out: string | undefined, command: 'wait' | 'download' = 'wait'): string {
  return `evolink-wan ${command} ${shellQuote(taskId)}${out === undefined ? '' : ` -o ${shellQuote(out)}`}`;
}

/**
 * What to do when a create may have made a task. The same key returns it only with the same body: a command with local
 * files uploads them again under new URLs, so the server would answer 409, and a new key could bill twice.
 */
export function mayExistHint(key: string, localFiles: boolean): string[] {
  return localFiles
    ? [
        'A task may have been created. Running the command again cannot return it: its local files would be uploaded anew, under',
        'new URLs, so the request would differ (409). Check your EvoLink dashboard before submitting again; to make a create',
        `replayable, upload the files first (evolink-wan upload <file>) and pass their URLs. Its idempotency key was ${key}.`,
      ]
    : [`A task may have been created: run the same command again with --idempotency-key ${key} to get it without a duplicate.`];
}

/**
 * After Ctrl-C or SIGTERM (`signal` aborted): says which task keeps running and how to resume it (or how to resubmit
 * safely); exit 130 or 143.
 */
export function reportInterrupted(
  ui: Ui,
  context: {
    signal: AbortSignal;
    taskId: string | undefined;
    out: string | undefined;
    idempotencyKey?: string | undefined;
    localFiles?: boolean | undefined;
  },
): number {
  const { taskId, out, idempotencyKey, localFiles = false } = context;
  const { exitCode, word } = stopOf(context.signal);
  const resume = taskId === undefined ? undefined : resumeCommand(taskId, out);
  ui.event('interrupted', {
    exitCode,
    ...(taskId ? { taskId, resume } : {}),
    ...(idempotencyKey && !taskId ? { idempotencyKey, ...(localFiles ? { replayable: false } : {}) } : {}),
  });
  const lines =
    resume !== undefined
      ? [`${word}. Task ${taskId} keeps running on the server; resume with:`, `  ${resume}`]
      : idempotencyKey !== undefined
        ? localFiles
          ? [`${word} while the task was being created.`, ...mayExistHint(idempotencyKey, true)]
          : [
              `${word} while the task was being created; one may exist. To get it without a duplicate, run the same command again with:`,
              `  --idempotency-key ${idempotencyKey}`,
            ]
        : [`${word}; nothing was submitted.`];
  ui.finish(ui.colors.yellow(lines[0]!));
  for (const line of lines.slice(1)) ui.note(line);
  return exitCode;
}
