import type { Task } from './task.js';

/** Terminal statuses: the task will not change any more. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** `true` for `completed`, `failed` and `cancelled`. Unknown statuses count as still running. */
export function isTerminal(task: Pick<Task, 'status'>): boolean {
  return TERMINAL_STATUSES.has(task.status);
}
