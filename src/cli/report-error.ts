import { TaskFailedError } from '../errors/index.js';
import { inCliTerms } from './cli-wording.js';
import { exitCodeFor, UsageError } from './exit-codes.js';
import type { Ui } from './ui.js';

const ERROR_FIELDS = [
  'status',
  'code',
  'type',
  'param',
  'retryable',
  'retryAfter',
  'requestId',
  'idempotencyKey',
  'taskId',
  'mayHaveReachedServer',
  'option',
  'issues',
  'url',
  'expiresAt',
] as const;

/** A compact, JSON-friendly view of an error: its name, message and the fields a script acts on. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const out: Record<string, unknown> = { name: error.name, message: inCliTerms(error.message) };
  for (const field of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** What to add to a failure report: the task it concerns and lines that say how to go on. */
export interface FailureContext {
  taskId?: string | undefined;
  hints?: string[] | undefined;
}

/**
 * Reports the error that ended a command — a `failed` JSON event on stdout in JSON mode, and a message on stderr in
 * both modes — and returns the exit code for it.
 */
export function reportFailure(ui: Ui, error: unknown, context: FailureContext = {}): number {
  const exitCode = exitCodeFor(error);
  const hints = [...(context.hints ?? [])];
  if (error instanceof TaskFailedError) {
    hints.unshift(
      error.retryable
        ? 'Worth resubmitting: yes, this kind of failure is often temporary (a new task, billed again if it succeeds).'
        : 'Worth resubmitting: no, not unchanged; change the request first.',
    );
  }
  const taskId = context.taskId ?? (error as { taskId?: string }).taskId;
  const task = error instanceof TaskFailedError ? { status: error.status, code: error.code, retryable: error.retryable } : {};
  ui.event('failed', { exitCode, ...(taskId ? { taskId } : {}), ...task, error: errorJson(error), ...(hints.length ? { hints } : {}) });
  const { red, dim } = ui.colors;
  const message = inCliTerms(error instanceof Error ? error.message : String(error));
  // Only the CLI's own messages span lines (a list of problems); in any other, a line break came from outside.
  const [first, ...more] = error instanceof UsageError ? message.split('\n') : [message];
  ui.finish(red(`✖ ${first}`));
  for (const line of more) ui.note(line);
  for (const hint of hints) ui.note(dim(hint));
  return exitCode;
}
