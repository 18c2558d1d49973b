import { InvalidResponseError, type RequestContext } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import type { Task } from '../types/task.js';

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
  const { requestId: _ignored, ...fields } = data;
  const task: Task = { ...fields, id: data.id, status: data.status };
  if (task.progress !== undefined && (typeof task.progress !== 'number' || !Number.isFinite(task.progress))) delete task.progress;
  if (task.results !== undefined && (!Array.isArray(task.results) || !task.results.every((r) => typeof r === 'string'))) {
    delete task.results;
  }
  if (task.error !== undefined && task.error !== null && !isRecord(task.error)) task.error = { message: String(task.error) };
  if (task.task_info !== undefined && !isRecord(task.task_info)) delete task.task_info;
  return withRequestId(task, context.requestId);
}

/** Attaches the response's request id as a non-enumerable `requestId` (JSON output stays the API's). */
export function withRequestId<T extends object>(task: T, requestId: string | undefined): T {
  if (requestId !== undefined) Object.defineProperty(task, 'requestId', { value: requestId, enumerable: false, configurable: true });
  return task;
}
