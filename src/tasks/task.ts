import type { DownloadDestination, DownloadOptions, DownloadResult } from '../download/types.js';

/**
 * Task status. The documented enum is `pending | processing | completed | failed`; `cancelled` is terminal too
 * (callbacks fire on it). Any other string is treated as "still running".
 */
export type TaskStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled' | (string & {});

/** `error` of a failed task. `code` is a business code such as `content_policy_violation`. */
export interface TaskErrorInfo {
  code?: string;
  message?: string;
  type?: string;
  [key: string]: unknown;
}

/**
 * Usage and billing information. The create answer documents `billing_rule`, `credits_reserved` and `user_group`;
 * `credits_used` and `cost` are seen on finished tasks in EvoLink's own clients but are not documented: every field
 * is optional, record what is there.
 */
export interface TaskUsage {
  billing_rule?: 'per_call' | 'per_token' | 'per_second' | (string & {});
  /** Credits held for the task when it was created (settled on success; failures are free). */
  credits_reserved?: number;
  user_group?: string;
  /** Credits charged, when the server reports them (not documented). */
  credits_used?: number;
  /** Cost of the task, when the server reports it (not documented). */
  cost?: { credits?: number; usd?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** `task_info`: hints about a running task. */
export interface TaskInfo {
  can_cancel?: boolean;
  /** Estimated seconds from creation to completion: the SDK's default polling schedule uses it. */
  estimated_time?: number;
  /**
   * Seconds the task still needs, as estimated when this snapshot was read (novita's `task.eta`); the default
   * polling schedule prefers it to `estimated_time`.
   */
  remaining_time?: number;
  [key: string]: unknown;
}

/**
 * A task as returned by `POST /v1/videos/generations` and `GET /v1/tasks/{id}`.
 * Only `id` and `status` are guaranteed; fields the API adds later are kept as they come.
 */
export interface Task {
  /** Task id, e.g. `task-unified-1757169743-7cvnl5zw`. Store it to resume with `client.tasks.wait(id)`. */
  id: string;
  status: TaskStatus;
  /** 0–100. */
  progress?: number;
  /** The model that ran the task. */
  model?: string;
  /** Creation time, Unix seconds. */
  created?: number;
  object?: string;
  type?: string;
  /** Result URLs, present once completed. They expire 24 hours after completion. */
  results?: string[];
  error?: TaskErrorInfo | null;
  task_info?: TaskInfo;
  usage?: TaskUsage;
  /**
   * The `x-request-id` of the response this snapshot came from, to quote to support. Non-enumerable: it is not part of
   * `JSON.stringify(task)`, which stays the API's own answer.
   */
  readonly requestId?: string;
  [key: string]: unknown;
}

/** The task returned when it is created (the typed POST response). */
export type SubmittedTask = Task;

/** The data of a task that finished with results (a {@link CompletedTask} without its methods). */
export interface CompletedTaskData extends Task {
  status: 'completed';
  /** Result URLs (at least one). */
  results: string[];
  /** The first result: the video URL. */
  url: string;
  /**
   * When the result links stop working: 24 hours after completion. Computed from the last moment the task was seen
   * unfinished (or its creation time), so the real expiry is never earlier than this.
   */
  expiresAt: Date;
}

/** A task that finished with results: what `waitForResult()` and `client.tasks.wait()` resolve to. */
export interface CompletedTask extends CompletedTaskData {
  /**
   * Saves the video (`url`) to a file path or a stream, streamed and resumed after a dropped connection. The result
   * host never receives the API key. Rejects with `ResultExpiredError` once the link has expired (24 h).
   * @example const saved = await video.download('./out/cat.mp4', { onProgress: ({ received, total }) => console.log(received, total) });
   */
  download(dest: DownloadDestination, options?: DownloadOptions): Promise<DownloadResult>;
}
