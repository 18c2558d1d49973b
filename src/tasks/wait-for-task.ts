import { TaskFailedError, TaskTimeoutError } from '../errors/index.js';
import { linkSignals } from '../internal/abort.js';
import type { Clock } from '../internal/clock.js';
import { errorForAbort } from '../transport/attempt-abort.js';
import type { CompletedTaskData, Task } from './task.js';
import type { KindHistory } from './duration-history.js';
import { completedTask } from './parse-task.js';
import { isTerminal } from './parse-task.js';
import { nextPollDelay } from './poll-interval.js';
import { TaskTiming } from './task-timing.js';
import type { ResolvedWaitOptions } from './wait-options.js';
import { waitSignal } from './wait-signal.js';

/**
 * Reads one snapshot of a task. The signal covers the caller, the client's close and the wait's deadline; `deadline`
 * bounds the retries of the read (no retry is scheduled past it).
 */
export type GetTask = (taskId: string, options: { signal: AbortSignal; deadline: number | undefined }) => Promise<Task>;

/** Thrown inside the wait when its deadline passes (with the interrupted read's error, if any); a TaskTimeoutError. */
class DeadlinePassed {
  constructor(readonly cause?: unknown) {}
}

/**
 * Polls a task until it completes, fails or is cancelled: the one wait loop behind `waitForResult()` and
 * `client.tasks.wait()`.
 * - `initial` (the snapshot returned on creation) is reported first and delays the first poll; without it the
 *   first poll is immediate (resuming by id).
 * - Each poll is one read with retries (see `decideRetry`): transient failures are retried within the deadline, a
 *   `Retry-After` above `maxRetryAfter` or past the deadline ends the wait with that error.
 * - `stop` (the caller's signal and the client's close) and the deadline interrupt both the sleep and the in-flight
 *   request at once.
 * - `history`, asked with the first snapshot, gives how long this client's tasks of the same kind took: the
 *   schedule's prior. A completed task's duration goes back into it, measured to the middle of the poll gap it
 *   completed in.
 *
 * A thousand waits may sleep at once, so a sleeping wait holds little: one timer, its last snapshot, its `TaskTiming`.
 * It shares its abort signal with the client's other waits (see `waitSignal`), and the deadline bounds the sleep
 * itself: the deadline's timer and signal exist only while a read is in flight.
 */
export async function waitForTask(
  getTask: GetTask,
  taskId: string,
  options: ResolvedWaitOptions & { stop: AbortSignal | undefined; history?: ((task: Task) => KindHistory | undefined) | undefined },
  clock: Clock,
  initial?: Task,
): Promise<CompletedTaskData> {
  const ending = waitSignal(options.signal, options.stop);
  const { signal } = ending;
  const { deadline } = options;
  let task: Task | undefined = initial;
  let timing: TaskTiming | undefined;
  let history: KindHistory | undefined;
  let unfinishedSince: number | undefined;
  let seenStatus: string | undefined;
  let seenProgress: number | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      if (task) {
        if (task.status !== seenStatus || task.progress !== seenProgress) {
          seenStatus = task.status;
          seenProgress = task.progress;
          options.onProgress?.(task);
        }
        if (isTerminal(task)) {
          const now = clock.now();
          if (task.status === 'completed' && unfinishedSince !== undefined && timing) {
            history?.record((unfinishedSince + now) / 2 - timing.startedAt);
          }
          return finish(task, unfinishedSince, now);
        }
        if (!timing) {
          history = options.history?.(task);
          timing = new TaskTiming(history?.prior);
        }
        const now = clock.now();
        timing.observe(task, now);
        const delay = nextPollDelay(options.pollInterval, attempt, task, timing, now);
        if (deadline !== undefined && now + delay >= deadline) {
          await clock.sleep(deadline - now, signal);
          throw new DeadlinePassed();
        }
        await clock.sleep(delay, signal);
      }
      signal?.throwIfAborted();
      const sentAt = clock.now();
      task = await read(getTask, taskId, signal, deadline, clock);
      if (!isTerminal(task)) unfinishedSince = sentAt;
    }
  } catch (error) {
    if (error instanceof DeadlinePassed) {
      throw new TaskTimeoutError(task ?? { id: taskId, status: 'unknown' }, options.timeout, { cause: error.cause });
    }
    if (!signal?.aborted) throw error;
    throw errorForAbort(signal.reason, { taskId, what: `waiting for task ${taskId}` }, false);
  } finally {
    ending.release();
  }
}

/** Ends the deadline timer of a read that finished (a reason of our own: an abort without one builds a DOMException). */
const READ_DONE = Symbol('read done');

/** One read, interrupted by `signal` or, with `DeadlinePassed`, by the deadline. */
async function read(
  getTask: GetTask,
  taskId: string,
  signal: AbortSignal | undefined,
  deadline: number | undefined,
  clock: Clock,
): Promise<Task> {
  if (deadline === undefined && signal !== undefined) return getTask(taskId, { signal, deadline });
  const attempt = linkSignals([signal]);
  const timer = deadline === undefined ? undefined : new AbortController();
  if (timer) {
    clock.sleep(deadline! - clock.now(), timer.signal).then(
      () => attempt.abort(new DeadlinePassed()),
      () => {},
    );
  }
  try {
    return await getTask(taskId, { signal: attempt.signal, deadline });
  } catch (error) {
    const reason: unknown = attempt.signal.reason;
    if (!(reason instanceof DeadlinePassed)) throw error;
    // The read's own error is worth keeping as the cause unless it only echoes the deadline.
    throw new DeadlinePassed((error as { cause?: unknown } | undefined)?.cause === reason ? undefined : error);
  } finally {
    timer?.abort(READ_DONE);
    attempt.cleanup();
  }
}

function finish(task: Task, unfinishedSince: number | undefined, now: number): CompletedTaskData {
  if (task.status === 'completed') return completedTask(task, unfinishedSince, now);
  throw new TaskFailedError(task);
}
