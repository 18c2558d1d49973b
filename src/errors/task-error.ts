import { EvoLinkError } from './evolink-error.js';
import type { Task } from '../tasks/task.js';

/**
 * Retry guidance per task error code, from EvoLink's error-codes reference. "Retry" means submitting a new (paid)
 * task: a failed task never resumes.
 */
const TASK_ERROR_GUIDANCE: Record<string, { retryable: boolean; advice: string }> = {
  content_policy_violation: { retryable: false, advice: 'change the prompt or input media so they pass the safety filters' },
  invalid_parameters: { retryable: false, advice: 'fix the parameters named in the message' },
  image_processing_error: { retryable: false, advice: 'use another image: a public, directly downloadable JPG, PNG or WebP' },
  image_dimension_mismatch: { retryable: false, advice: 'resize the image or change aspect_ratio to match it' },
  request_cancelled: { retryable: true, advice: 'if you did not cancel it, resubmit the same request' },
  generation_failed_no_content: { retryable: true, advice: 'retry, or make the prompt clearer' },
  service_error: { retryable: true, advice: 'retry in 30–60 seconds' },
  generation_timeout: { retryable: true, advice: 'retry later, or lower the quality or duration' },
  resource_exhausted: { retryable: true, advice: 'retry in 1–5 minutes' },
  quota_exceeded: { retryable: true, advice: 'submit less often (1–2 s apart) or wait for running tasks' },
  service_unavailable: { retryable: true, advice: 'retry in a few minutes' },
  model_unavailable: { retryable: true, advice: 'retry later' },
  upstream_error: { retryable: true, advice: 'retry later' },
  resource_not_found: { retryable: false, advice: 'check the task id; expired tasks cannot be read' },
  unknown_error: { retryable: false, advice: 'contact EvoLink support with the task id' },
};

/**
 * Whether a failed task with this error code is worth resubmitting unchanged (per EvoLink's error-codes guide).
 * Unknown codes are not: resubmitting costs credits.
 */
export function isRetryableTaskErrorCode(code: string | undefined): boolean {
  return code !== undefined && Object.hasOwn(TASK_ERROR_GUIDANCE, code) && TASK_ERROR_GUIDANCE[code]!.retryable;
}

/** Base class of errors about a task the server accepted. */
export class TaskError extends EvoLinkError {
  static override readonly errorName: string = 'TaskError';
  readonly taskId: string;
  /** The last snapshot of the task the SDK saw. */
  readonly task: Task;

  constructor(message: string, task: Task, options?: { cause?: unknown }) {
    super(message, options);
    this.taskId = task.id;
    this.task = task;
  }
}

/**
 * The task ended `failed` or `cancelled`. `code` and `message` come from `task.error`; `retryable` says whether
 * resubmitting the same request may succeed (a new task, billed again).
 */
export class TaskFailedError extends TaskError {
  static override readonly errorName: string = 'TaskFailedError';
  /** `failed` or `cancelled`. */
  readonly status: string;
  /** Business error code such as `content_policy_violation`, when the server gave one. */
  readonly code: string | undefined;
  /** The server's own message, when it gave one. */
  readonly serverMessage: string | undefined;
  /** `true` when resubmitting unchanged may succeed (server-side failures, cancellations you did not ask for). */
  readonly retryable: boolean;

  constructor(task: Task) {
    const code = typeof task.error?.code === 'string' ? task.error.code : task.status === 'cancelled' ? 'request_cancelled' : undefined;
    const serverMessage = typeof task.error?.message === 'string' ? task.error.message : undefined;
    const guidance = code !== undefined && Object.hasOwn(TASK_ERROR_GUIDANCE, code) ? TASK_ERROR_GUIDANCE[code] : undefined;
    const what = `Task ${task.id} ${task.status === 'cancelled' ? 'was cancelled' : 'failed'}`;
    const detail = [code, serverMessage].filter(Boolean).join(': ');
    super(`${what}${detail ? ` (${detail})` : ''}${guidance ? `; ${guidance.advice}` : ''}.`, task);
    this.status = task.status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.retryable = isRetryableTaskErrorCode(code);
  }
}

/**
 * The wait's deadline passed. The task still runs on the server: `client.tasks.wait(err.taskId)` resumes waiting.
 */
export class TaskTimeoutError extends TaskError {
  static override readonly errorName: string = 'TaskTimeoutError';
  /** The wait's deadline, in milliseconds. */
  readonly timeout: number;

  constructor(task: Task, timeout: number, options?: { cause?: unknown }) {
    super(
      `Gave up waiting for task ${task.id} after ${timeout} ms (last status: ${task.status}). The task is still running on the server; ` +
        `call client.tasks.wait('${task.id}') to keep waiting, or pass a larger waitForResult({ timeout }).`,
      task,
      options,
    );
    this.timeout = timeout;
  }
}

/**
 * The task completed but the response had no usable result URL: none at all, or one that is not an absolute `https:`
 * link (`''`, a relative path, `javascript:`…). Contact the gateway's support (EvoLink or novita) with the task id.
 */
export class TaskResultError extends TaskError {
  static override readonly errorName: string = 'TaskResultError';
  /** The unusable result link, when there was one (shortened to 200 characters). */
  readonly url: string | undefined;

  constructor(task: Task, unusableUrl?: string) {
    const shown = unusableUrl === undefined ? undefined : unusableUrl.slice(0, 200);
    super(
      shown === undefined
        ? `Task ${task.id} completed without any result URL; contact the gateway's support with the task id.`
        : `Task ${task.id} completed with an unusable result link ${JSON.stringify(shown)} (not an absolute https:// URL); it was not returned. Contact the gateway's support with the task id.`,
      task,
    );
    this.url = shown;
  }
}
