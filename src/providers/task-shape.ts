import { InvalidResponseError } from '../errors/index.js';
import type { RequestContext } from '../errors/api-error.js';
import { isRecord } from '../internal/is-record.js';
import type { Task } from '../tasks/task.js';

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
  const fields = copyOf(data);
  // The response's own request id comes from its headers, attached below; a body field of that name is dropped.
  if (Object.hasOwn(fields, 'requestId')) delete fields.requestId;
  const task = fields as Task;
  if (task.progress !== undefined && (typeof task.progress !== 'number' || !Number.isFinite(task.progress))) delete task.progress;
  if (task.results !== undefined && (!Array.isArray(task.results) || !task.results.every((r) => typeof r === 'string'))) {
    delete task.results;
  }
  if (task.error !== undefined && task.error !== null && !isRecord(task.error)) task.error = { message: String(task.error) };
  if (task.task_info !== undefined && !isRecord(task.task_info)) delete task.task_info;
  return withRequestId(task, context.requestId);
}

/**
 * A shallow copy. `Object.assign` rather than a rest/spread pattern, whose result V8 reads and serialises several times
 * slower (the task goes back to the caller); a spread keeps an own `__proto__` key an own key, which assignment would not.
 */
function copyOf(data: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(data, '__proto__') ? { ...data } : Object.assign({}, data);
}

/** Attaches the response's request id as a non-enumerable `requestId` (JSON output stays the API's). */
export function withRequestId<T extends object>(task: T, requestId: string | undefined): T {
  if (requestId !== undefined) Object.defineProperty(task, 'requestId', { value: requestId, enumerable: false, configurable: true });
  return task;
}
