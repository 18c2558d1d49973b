/** How a fake task ends. */
export type TaskOutcome =
  | { status: 'completed'; results?: string[] | undefined }
  | { status: 'failed'; code: string; message?: string | undefined }
  | { status: 'cancelled' };

/**
 * The life of one fake task: `pending` on creation, then `processing` with rising progress, then its outcome.
 * It advances either with each poll (`polls`) or with time (`durationMs`).
 */
export interface TaskPlan {
  outcome: TaskOutcome;
  /** Polls until the outcome (the default, 3). */
  polls?: number | undefined;
  /** Or: milliseconds from creation until the outcome. */
  durationMs?: number | undefined;
  /**
   * Seconds reported as `task_info.estimated_time`: short, so that the SDK's default schedule, which follows it, finishes
   * fake tasks in about a second. @default `durationMs` in whole seconds (at least 1), else 2
   */
  estimatedTime?: number | undefined;
}

/** A fake task's current state. */
export interface FakeTaskState {
  id: string;
  model: string;
  createdAt: number;
  polls: number;
  plan: TaskPlan;
  body: Record<string, unknown>;
}

/** The wire snapshot of a fake task at `now`. */
export function snapshot(task: FakeTaskState, now: number): Record<string, unknown> {
  const { plan } = task;
  const fraction = plan.durationMs !== undefined ? (now - task.createdAt) / Math.max(1, plan.durationMs) : task.polls / Math.max(1, plan.polls ?? 3);
  const base = {
    id: task.id,
    model: task.model,
    object: 'video.generation.task',
    type: 'video',
    created: Math.floor(task.createdAt / 1000),
    task_info: { can_cancel: fraction < 1, estimated_time: estimatedTime(plan) },
  };
  if (fraction <= 0) return { ...base, status: 'pending', progress: 0 };
  if (fraction < 1) return { ...base, status: 'processing', progress: Math.min(99, Math.max(1, Math.round(fraction * 100))) };
  const outcome = plan.outcome;
  if (outcome.status === 'completed') {
    return { ...base, status: 'completed', progress: 100, results: outcome.results ?? [`https://files.fake-evolink.test/videos/${task.id}.mp4`] };
  }
  if (outcome.status === 'cancelled') return { ...base, status: 'cancelled', progress: 0, error: { code: 'request_cancelled', message: 'Request was cancelled', type: 'task_error' } };
  return { ...base, status: 'failed', progress: 0, error: { code: outcome.code, message: outcome.message ?? outcome.code, type: 'task_error' } };
}

function estimatedTime(plan: TaskPlan): number {
  return plan.estimatedTime ?? (plan.durationMs === undefined ? 2 : Math.max(1, Math.ceil(plan.durationMs / 1000)));
}
