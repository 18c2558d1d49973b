import { TaskResultError } from '../errors/index.js';
import { isUsableLink } from '../internal/loopback.js';
import { withRequestId } from '../providers/task-shape.js';
import type { CompletedTaskData, Task } from './task.js';

/** Terminal statuses: the task will not change any more. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** `true` for `completed`, `failed` and `cancelled`. Unknown statuses count as still running. */
export function isTerminal(task: Pick<Task, 'status'>): boolean {
  return TERMINAL_STATUSES.has(task.status);
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The largest time a `Date` holds (±100,000,000 days from 1970). */
const MAX_TIME_MS = 8.64e15;

/** `ms` when a `Date` can hold it (and a day after it), else `undefined`: a gateway's number may be anything. */
function representable(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) + DAY_MS <= MAX_TIME_MS ? ms : undefined;
}

/**
 * A completed task as the SDK returns it: at least one usable result URL (else `TaskResultError`), `url` the first,
 * `expiresAt` as the gateway stated it when it did (a `Date` set by its task parser), else 24 h after the last moment
 * the task was seen unfinished (or its creation), a lower bound of EvoLink's expiry. A stated expiry or a creation
 * time that no `Date` can hold (`created: 1e20`, a TTL of `1e300`) is ignored, never an error: the task is done and
 * billed, and its link must reach the caller.
 */
export function completedTask(task: Task, unfinishedSince: number | undefined, now: number): CompletedTaskData {
  const results = task.results;
  if (!Array.isArray(results) || results.length === 0) throw new TaskResultError(task);
  const unusable = results.find((url) => !isUsableLink(url));
  if (unusable !== undefined) throw new TaskResultError(task, unusable);
  const created = representable(typeof task.created === 'number' ? task.created * 1000 : undefined);
  const lowerBound = representable(Math.max(unfinishedSince ?? 0, created ?? 0) || now) ?? now;
  const stated = task.expiresAt instanceof Date && representable(task.expiresAt.getTime()) !== undefined ? task.expiresAt : undefined;
  const expiresAt = stated ?? new Date(lowerBound + DAY_MS);
  const done: CompletedTaskData = { ...task, status: 'completed', results, url: results[0]!, expiresAt };
  return withRequestId(done, task.requestId);
}
