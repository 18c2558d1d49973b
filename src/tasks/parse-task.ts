import { InvalidResponseError, type RequestContext, TaskResultError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import type { CompletedTaskData, Task } from '../types/task.js';

/** Terminal statuses: the task will not change any more. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** `true` for `completed`, `failed` and `cancelled`. Unknown statuses count as still running. */
export function isTerminal(task: Pick<Task, 'status'>): boolean {
  return TERMINAL_STATUSES.has(task.status);
}

/**
 * Checks the shape of a task response leniently: `id` and `status` must be strings; everything else is kept as the
 * server sent it, with obviously wrong optional fields (a non-array `results`, a non-numeric `progress`) dropped.
 * With `expectedId` (a read by id), an answer about another task is refused: never return another task's video.
 */
export function parseTask(data: unknown, context: RequestContext & { status: number; expectedId?: string | undefined }): Task {
  if (!isRecord(data) || typeof data.id !== 'string' || data.id === '' || typeof data.status !== 'string') {
    throw new InvalidResponseError('The API returned a task without a string id and status.', { ...context, reason: 'invalid_shape' });
  }
  if (context.expectedId !== undefined && data.id !== context.expectedId) {
    throw new InvalidResponseError(
      `Asked for task ${context.expectedId} but the API answered about task ${JSON.stringify(data.id.slice(0, 80))}; the answer was discarded. A proxy or cache between you and the API may be mixing up responses.`,
      { ...context, taskId: context.expectedId, reason: 'mismatched_task' },
    );
  }
  const task: Task = { ...data, id: data.id, status: data.status };
  if (task.progress !== undefined && (typeof task.progress !== 'number' || !Number.isFinite(task.progress))) delete task.progress;
  if (task.results !== undefined && (!Array.isArray(task.results) || !task.results.every((r) => typeof r === 'string'))) {
    delete task.results;
  }
  if (task.error !== undefined && task.error !== null && !isRecord(task.error)) task.error = { message: String(task.error) };
  if (task.task_info !== undefined && !isRecord(task.task_info)) delete task.task_info;
  return task;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An absolute `https:` URL, or `http:` to a loopback host (local test servers); nothing else is a usable result link. */
export function isUsableResultUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return url.hostname !== '';
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A completed task as the SDK returns it: at least one usable result URL (else `TaskResultError`), `url` the first,
 * `expiresAt` 24 h after the last moment the task was seen unfinished (or its creation), a lower bound of the expiry.
 */
export function completedTask(task: Task, unfinishedSince: number | undefined, now: number): CompletedTaskData {
  const results = task.results;
  if (!Array.isArray(results) || results.length === 0) throw new TaskResultError(task);
  const unusable = results.find((url) => !isUsableResultUrl(url));
  if (unusable !== undefined) throw new TaskResultError(task, unusable);
  const created = typeof task.created === 'number' ? task.created * 1000 : undefined;
  const lowerBound = Math.max(unfinishedSince ?? 0, created ?? 0) || now;
  return { ...task, status: 'completed', results, url: results[0]!, expiresAt: new Date(lowerBound + DAY_MS) };
}
