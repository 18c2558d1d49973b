import { TaskFailedError, TaskTimeoutError } from '../errors/index.js';
import { linkSignals } from '../internal/abort.js';
import type { Clock } from '../internal/clock.js';
import { errorForAbort } from '../transport/abort-reasons.js';
import type { CompletedTaskData, Task } from '../types/task.js';
import { completedTask, isTerminal } from './parse-task.js';
import { nextPollDelay } from './poll-interval.js';
import type { ResolvedWaitOptions } from './wait-options.js';

/**
 * Reads one snapshot of a task. The signal covers the caller, the client's close and the wait's deadline; `deadline`
 * bounds the retries of the read (no retry is scheduled past it).
 */
export type GetTask = (taskId: string, options: { signal: AbortSignal; deadline: number | undefined }) => Promise<Task>;

/** The abort reason of a wait whose deadline passed. */
class WaitDeadline {}

/**
 * Polls a task until it completes, fails or is cancelled: the one wait loop behind `waitForResult()` and
 * `client.tasks.wait()`.
 * - `initial` (the snapshot returned on creation) is reported first and delays the first poll; without it the
 *   first poll is immediate (resuming by id).
 * - Each poll is one read with retries (see `decideRetry`): transient failures are retried within the deadline, a
 *   `Retry-After` above `maxRetryAfter` or past the deadline ends the wait with that error.
 * - `stop` (the caller's signal and the client's close) and the deadline interrupt both the sleep and the in-flight
 *   request at once.
 */
export async function waitForTask(
  getTask: GetTask,
  taskId: string,
  options: ResolvedWaitOptions & { stop: AbortSignal | undefined },
  clock: Clock,
  initial?: Task,
): Promise<CompletedTaskData> {
  const linked = linkSignals([options.signal, options.stop]);
  const deadlineTimer = new AbortController();
  if (options.deadline !== undefined) {
    clock.sleep(options.deadline - clock.now(), deadlineTimer.signal).then(
      () => linked.abort(new WaitDeadline()),
      () => {},
    );
  }
  let task: Task | undefined = initial;
  let unfinishedSince: number | undefined;
  let seen: string | undefined;
  const report = (snapshot: Task): void => {
    const key = `${snapshot.status}\u0000${snapshot.progress ?? ''}`;
    if (key !== seen) {
      seen = key;
      options.onProgress?.(snapshot);
    }
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (task) {
        report(task);
        if (isTerminal(task)) return finish(task, unfinishedSince, clock.now());
        await clock.sleep(nextPollDelay(options.pollInterval, attempt, task, clock.now()), linked.signal);
      }
      linked.signal.throwIfAborted();
      const sentAt = clock.now();
      task = await getTask(taskId, { signal: linked.signal, deadline: options.deadline });
      if (!isTerminal(task)) unfinishedSince = sentAt;
    }
  } catch (error) {
    if (!linked.signal.aborted) throw error;
    const reason: unknown = linked.signal.reason;
    if (reason instanceof WaitDeadline) {
      throw new TaskTimeoutError(task ?? { id: taskId, status: 'unknown' }, options.timeout, { cause: error === reason ? undefined : error });
    }
    throw errorForAbort(reason, { taskId, what: `waiting for task ${taskId}` }, false);
  } finally {
    deadlineTimer.abort();
    linked.cleanup();
  }
}

function finish(task: Task, unfinishedSince: number | undefined, now: number): CompletedTaskData {
  if (task.status === 'completed') return completedTask(task, unfinishedSince, now);
  throw new TaskFailedError(task);
}
