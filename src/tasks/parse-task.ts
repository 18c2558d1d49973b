import { InvalidResponseError, type RequestContext } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import type { Task } from '../types/task.js';

/** Terminal statuses: the task will not change any more. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** `true` for `completed`, `failed` and `cancelled`. Unknown statuses count as still running. */
export function isTerminal(task: Pick<Task, 'status'>): boolean {
  return TERMINAL_STATUSES.has(task.status);
}

/**
 * Checks the shape of a task response leniently: `id` and `status` must be strings; everything else is kept as the
 * server sent it, with obviously wrong optional fields (a non-array `results`, a non-numeric `progress`) dropped.
 */
export function parseTask(data: unknown, context: RequestContext & { status: number }): Task {
  if (!isRecord(data) || typeof data.id !== 'string' || data.id === '' || typeof data.status !== 'string') {
    throw new InvalidResponseError('The API returned a task without a string id and status.', { ...context, reason: 'invalid_shape' });
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
