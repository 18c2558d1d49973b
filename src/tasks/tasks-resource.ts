import type { RequestOptions } from '../request-options.js';
import type { CompletedTask, Task } from './task.js';
import type { ApiPromise } from './api-promise.js';
import type { WaitOptions } from './wait-options.js';

/** `client.tasks`: read and wait on tasks by id, from any process. */
export interface TasksResource {
  /**
   * Reads a task once (`GET /v1/tasks/{id}`). Retried on transient failures. `.withResponse()` also gives the HTTP
   * answer (`status`, `headers`, `requestId`).
   * @example const task = await client.tasks.get('task-unified-1757169743-7cvnl5zw');
   */
  get(taskId: string, options?: RequestOptions): ApiPromise<Task>;
  /**
   * Waits until the task with this id completes, e.g. in another process after a restart. Polls at once, then on the
   * default schedule.
   * @example const video = await client.tasks.wait(savedId, { timeout: 20 * 60_000 });
   */
  wait(taskId: string, options?: WaitOptions): Promise<CompletedTask>;
}
