import { ValidationError } from '../errors/index.js';

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Checks a task id before it is put into a URL path: 1–128 characters of `[A-Za-z0-9._:-]`, starting with a letter or
 * digit, no `..`. Rejects `/`, `?`, `#`, `%`, whitespace and traversal with `ValidationError` (nothing is sent).
 */
export function checkTaskId(id: unknown): string {
  if (typeof id !== 'string' || !TASK_ID.test(id) || id.includes('..')) {
    const shown = typeof id === 'string' ? JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id) : typeof id;
    throw new ValidationError([
      {
        path: ['taskId'],
        code: 'invalid_format',
        message: `taskId ${shown} is not a task id; pass the id returned when the task was created (e.g. task-unified-1757169743-7cvnl5zw)`,
      },
    ]);
  }
  return id;
}
