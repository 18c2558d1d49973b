import { InvalidResponseError } from '../../errors/index.js';
import { isRecord } from '../../internal/is-record.js';
import { parseTask } from '../task-shape.js';
import type { Task, TaskStatus } from '../../tasks/task.js';
import type { ParseContext } from '../provider.js';

/** novita's documented task statuses; any other (e.g. an undocumented `TASK_STATUS_CANCELED`) is kept and counts as running. */
const STATUSES: Record<string, TaskStatus> = {
  TASK_STATUS_QUEUED: 'pending',
  TASK_STATUS_PROCESSING: 'processing',
  TASK_STATUS_SUCCEED: 'completed',
  TASK_STATUS_FAILED: 'failed',
};

/**
 * Seconds a result link is assumed to live when novita states no `video_url_ttl`: the only TTL its docs show (3600 s,
 * for images). Short on purpose: better to fetch a video early than to find its link dead.
 */
export const DEFAULT_RESULT_TTL_SECONDS = 3600;

/** A number, or a numeric string (novita types `video_url_ttl` as a string and sends both). */
function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** When the first of the videos' links expires: `video_url_ttl` seconds after the answer was read. */
function expiryOf(videos: Record<string, unknown>[], receivedAt: number): Date {
  const ttls = videos.map((v) => numberOf(v.video_url_ttl)).filter((t): t is number => t !== undefined && t > 0);
  return new Date(receivedAt + (ttls.length > 0 ? Math.min(...ttls) : DEFAULT_RESULT_TTL_SECONDS) * 1000);
}

/**
 * A `GET /v3/async/task-result` answer as an SDK task: `task.status` mapped (QUEUED → pending, PROCESSING →
 * processing, SUCCEED → completed, FAILED → failed), `progress_percent` → `progress`, `eta` →
 * `task_info.remaining_time` (the wait's estimate), `videos[].video_url` → `results`, the earliest `video_url_ttl` →
 * `expiresAt`, `reason` → `error.message` of a failed task. The whole answer stays under `novita`. The shared checks
 * then apply (string id and status, the id asked for).
 */
export function parseNovitaTask(data: unknown, context: ParseContext): Task {
  const task = isRecord(data) && isRecord(data.task) ? data.task : undefined;
  if (!task) {
    throw new InvalidResponseError('novita answered a task-result without a task object.', {
      ...context,
      taskId: context.expectedId,
      reason: 'invalid_shape',
    });
  }
  const status = typeof task.status === 'string' && Object.hasOwn(STATUSES, task.status) ? STATUSES[task.status] : task.status;
  const videos = isRecord(data) && Array.isArray(data.videos) ? data.videos.filter(isRecord) : [];
  const eta = numberOf(task.eta);
  const reason = typeof task.reason === 'string' && task.reason !== '' ? task.reason : undefined;
  const snapshot: Record<string, unknown> = { id: task.task_id, status, novita: data };
  if (task.progress_percent !== undefined) snapshot.progress = numberOf(task.progress_percent) ?? task.progress_percent;
  if (videos.length > 0) snapshot.results = videos.map((v) => v.video_url);
  if (eta !== undefined) snapshot.task_info = { remaining_time: eta };
  if (status === 'failed') snapshot.error = reason === undefined ? {} : { message: reason };
  if (status === 'completed') snapshot.expiresAt = expiryOf(videos, context.receivedAt);
  return parseTask(snapshot, context);
}

/** The answer to a create, `{ task_id }`, as a pending task. */
export function parseNovitaCreated(data: unknown, context: ParseContext): Task {
  return parseTask({ id: isRecord(data) ? data.task_id : undefined, status: 'pending', novita: data }, context);
}
