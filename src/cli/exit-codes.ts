import {
  APIUserAbortError,
  BudgetExceededError,
  DownloadError,
  EvoLinkError,
  InvalidOptionError,
  TaskError,
  TaskTimeoutError,
  ValidationError,
} from '../errors/index.js';
import { Interrupted } from './interrupt.js';

/** The exit codes of `evolink-wan`, documented in `--help` and the README. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Anything else: a local I/O error (say, a folder that cannot be written) or a bug. */
  other: 1,
  /** Usage or validation error, or a budget refusal: nothing was sent. */
  usage: 2,
  /** API error: authentication, credits, rate limit, server, network. */
  api: 3,
  /** The task failed or was cancelled. */
  taskFailed: 4,
  /** The wait timed out; the task keeps running. */
  timeout: 5,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15, as a shell reports a process that signal ended). */
  terminated: 143,
} as const;

/** One line per exit code, for `--help` and the README. */
export const EXIT_CODE_HELP = [
  '0    done',
  '2    usage or validation error, or over --max-usd/--max-seconds (nothing was sent)',
  '3    API error: authentication, credits, rate limit, server or network',
  '4    the task failed or was cancelled (its code says whether resubmitting may help)',
  '5    the wait timed out (the task keeps running: resume with evolink-wan wait <task-id>)',
  '130  interrupted with Ctrl-C (the task keeps running: resume with evolink-wan wait <task-id>)',
  '143  stopped by SIGTERM, as Ctrl-C stops it',
  '1    a local file or folder that cannot be written (nothing is sent when -o cannot be), or a bug',
];

/** A command line the CLI cannot run (unknown command or flag, wrong value): exit code 2, nothing sent. */
export class UsageError extends EvoLinkError {
  static override readonly errorName: string = 'UsageError';
}

/** A local file or folder the command cannot use (a destination that cannot be written): exit code 1. */
export class LocalFileError extends EvoLinkError {
  static override readonly errorName: string = 'LocalFileError';
}

/** Whether a download failed on the local side: writing the file, not fetching it (a file-system error names its path). */
function failedWriting(error: unknown): boolean {
  const cause = error instanceof DownloadError ? (error.cause as { code?: unknown; path?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && typeof cause.path === 'string';
}

/** The exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): number {
  const interrupted = error instanceof Interrupted ? error : error instanceof APIUserAbortError ? error.cause : undefined;
  if (interrupted instanceof Interrupted) return interrupted.exitCode;
  if (error instanceof LocalFileError || failedWriting(error)) return EXIT.other;
  if (error instanceof UsageError || error instanceof ValidationError || error instanceof InvalidOptionError) return EXIT.usage;
  if (error instanceof BudgetExceededError) return EXIT.usage;
  if (error instanceof TaskTimeoutError) return EXIT.timeout;
  if (error instanceof TaskError) return EXIT.taskFailed;
  if (error instanceof EvoLinkError) return EXIT.api;
  return EXIT.other;
}
