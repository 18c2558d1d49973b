import { APIUserAbortError, TaskFailedError, TaskResultError, TaskTimeoutError } from '../errors/index.js';
import { isRetryable, serverRetryAfterMs } from '../transport/retry-policy.js';
import { linkSignals, sleep, timeoutController } from '../transport/signals.js';
import type { CompletedTask, Task } from '../types/task.js';
import { isTerminal } from './parse-task.js';
import { nextPollDelay } from './poll-interval.js';
import { DEFAULT_WAIT_TIMEOUT, type WaitOptions } from './wait-options.js';

/** Reads one snapshot of a task; given the wait's signal and deadline (epoch ms) so retries stop in time. */
export type GetTask = (taskId: string, options: { signal: AbortSignal | undefined; deadline: number }) => Promise<Task>;

const DAY_MS = 24 * 60 * 60 * 1000;

function completed(task: Task, unfinishedSince: number | undefined): CompletedTask {
  if (!Array.isArray(task.results) || task.results.length === 0 || typeof task.results[0] !== 'string') throw new TaskResultError(task);
  const created = typeof task.created === 'number' ? task.created * 1000 : undefined;
  const lowerBound = Math.max(unfinishedSince ?? 0, created ?? 0) || Date.now();
  return { ...task, status: 'completed', results: task.results, url: task.results[0], expiresAt: new Date(lowerBound + DAY_MS) };
}

function finish(task: Task, unfinishedSince: number | undefined): CompletedTask {
  if (task.status === 'completed') return completed(task, unfinishedSince);
  throw new TaskFailedError(task);
}

/**
 * Polls a task until it completes, fails or is cancelled: the one wait loop behind `waitForResult()` and
 * `client.tasks.wait()`.
 * - `initial` (the snapshot returned on creation) is reported first and delays the first poll; without it the
 *   first poll is immediate (resuming by id).
 * - A transient poll error (429, 5xx, reset, timeout, unusable body) does not end the wait: it is retried within the
 *   deadline, after `Retry-After` when the server sent one. A `Retry-After` beyond the deadline ends it at once.
 * - The caller's signal and the deadline interrupt both the sleep and the in-flight request immediately.
 */
export async function waitForTask(getTask: GetTask, taskId: string, options: WaitOptions = {}, initial?: Task): Promise<CompletedTask> {
  const timeout = options.timeout === undefined ? DEFAULT_WAIT_TIMEOUT : options.timeout;
  const bounded = Number.isFinite(timeout) && timeout > 0;
  const deadline = bounded ? Date.now() + timeout : Number.POSITIVE_INFINITY;
  const deadlineTimer = timeoutController(bounded ? timeout : undefined);
  const linked = linkSignals([options.signal, deadlineTimer.signal]);
  let task: Task | undefined = initial;
  let unfinishedSince: number | undefined;
  let lastError: unknown;
  let seen: string | undefined;
  const report = (snapshot: Task): void => {
    const key = `${snapshot.status}\u0000${snapshot.progress ?? ''}`;
    if (key !== seen) {
      seen = key;
      options.onProgress?.(snapshot);
    }
  };
  try {
    if (task) {
      report(task);
      if (isTerminal(task)) return finish(task, undefined);
    }
    for (let attempt = 0; ; ) {
      if (task) await sleep(nextPollDelay(options.pollInterval, attempt, task), linked.signal);
      linked.signal?.throwIfAborted();
      const sentAt = Date.now();
      try {
        task = await getTask(taskId, { signal: linked.signal, deadline });
        attempt++;
        lastError = undefined;
      } catch (error) {
        if (linked.signal?.aborted || !isRetryable(error, 'GET')) throw error;
        lastError = error;
        const requested = serverRetryAfterMs(error);
        if (requested !== undefined && Date.now() + requested > deadline) throw error;
        const fallback = nextPollDelay(options.pollInterval, attempt, task ?? { id: taskId, status: 'pending' });
        await sleep(Math.max(requested ?? 0, fallback), linked.signal);
        continue;
      }
      report(task);
      if (isTerminal(task)) return finish(task, unfinishedSince);
      unfinishedSince = sentAt;
    }
  } catch (error) {
    if (options.signal?.aborted) throw new APIUserAbortError(options.signal.reason, { taskId });
    if (deadlineTimer.signal?.aborted) {
      throw new TaskTimeoutError(task ?? { id: taskId, status: 'unknown' }, timeout, { cause: lastError ?? error });
    }
    throw error;
  } finally {
    deadlineTimer.clear();
    linked.cleanup();
  }
}
