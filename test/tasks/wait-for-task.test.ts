import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  NotFoundError,
  RateLimitError,
  TaskFailedError,
  TaskResultError,
  TaskTimeoutError,
  type Task,
} from '../../src/index.js';
import { defaultPollInterval } from '../../src/tasks/poll-interval.js';
import { waitForTask, type GetTask } from '../../src/tasks/wait-for-task.js';
import { errorFromResponse } from '../../src/transport/error-from-response.js';

const ID = 'task-unified-1757169743-7cvnl5zw';
const snap = (status: string, extra: Partial<Task> = {}): Task => ({ id: ID, status, ...extra });
const done = snap('completed', { progress: 100, results: ['https://cdn.example/v.mp4'] });

/** A getTask that plays the script (errors are thrown), repeating the last entry. */
function script(...steps: (Task | Error)[]): GetTask & { calls: number } {
  const fn = (async () => {
    const step = steps[Math.min(fn.calls, steps.length - 1)]!;
    fn.calls++;
    if (step instanceof Error) throw step;
    return step;
  }) as unknown as GetTask & { calls: number };
  fn.calls = 0;
  return fn;
}

describe('waitForTask', () => {
  it('polls until completed and returns url, results and expiresAt', async () => {
    const get = script(snap('processing', { progress: 10 }), snap('processing', { progress: 60 }), done);
    const seen: string[] = [];
    const video = await waitForTask(get, ID, { pollInterval: 10, onProgress: (t) => seen.push(`${t.status}:${t.progress}`) }, snap('pending', { progress: 0 }));
    expect(video).toMatchObject({ id: ID, status: 'completed', url: 'https://cdn.example/v.mp4', results: ['https://cdn.example/v.mp4'] });
    expect(seen).toEqual(['pending:0', 'processing:10', 'processing:60', 'completed:100']);
    const hours = (video.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('calls onProgress only when status or progress changes', async () => {
    const get = script(snap('processing', { progress: 5 }), snap('processing', { progress: 5 }), snap('processing', { progress: 5 }), done);
    const seen: unknown[] = [];
    await waitForTask(get, ID, { pollInterval: 1, onProgress: (t) => seen.push(t.progress) });
    expect(seen).toEqual([5, 100]);
  });

  it('treats unknown statuses as still running', async () => {
    const get = script(snap('queued'), snap('THROTTLED'), done);
    await expect(waitForTask(get, ID, { pollInterval: 1 })).resolves.toMatchObject({ status: 'completed' });
    expect(get.calls).toBe(3);
  });

  it.each([
    ['content_policy_violation', false],
    ['invalid_parameters', false],
    ['image_processing_error', false],
    ['image_dimension_mismatch', false],
    ['request_cancelled', true],
    ['generation_failed_no_content', true],
    ['service_error', true],
    ['generation_timeout', true],
    ['resource_exhausted', true],
    ['quota_exceeded', true],
    ['service_unavailable', true],
    ['resource_not_found', false],
    ['unknown_error', false],
    ['some_future_code', false],
  ])('failed with %s → TaskFailedError, retryable %s', async (code, retryable) => {
    const failed = snap('failed', { error: { code, message: 'Content policy violation.\nblocked', type: 'task_error' } });
    const error = await waitForTask(script(failed), ID, { pollInterval: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ taskId: ID, code, retryable, status: 'failed', task: failed });
    expect((error as Error).message).toContain(code);
  });

  it('cancelled is terminal', async () => {
    const error = await waitForTask(script(snap('cancelled')), ID, { pollInterval: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ status: 'cancelled', code: 'request_cancelled', retryable: true });
  });

  it('a completed task without results is a typed error', async () => {
    for (const bad of [snap('completed'), snap('completed', { results: [] })]) {
      await expect(waitForTask(script(bad), ID, { pollInterval: 1 })).rejects.toBeInstanceOf(TaskResultError);
    }
  });

  it('keeps waiting through transient poll errors', async () => {
    const get = script(errorFromResponse(503, {}, '', {}), errorFromResponse(429, { 'retry-after': '0.05' }, '{}', {}), done);
    await expect(waitForTask(get, ID, { pollInterval: 1 })).resolves.toMatchObject({ status: 'completed' });
    expect(get.calls).toBe(3);
  });

  it('ends at once on a non-transient error', async () => {
    const get = script(errorFromResponse(404, {}, '{"error":{"code":"task_not_found"}}', {}));
    await expect(waitForTask(get, ID, { pollInterval: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('ends with RateLimitError when Retry-After outlasts the deadline, without sleeping', async () => {
    const get = script(errorFromResponse(429, { 'retry-after': '30' }, '{}', {}));
    const started = Date.now();
    await expect(waitForTask(get, ID, { pollInterval: 1, timeout: 2000 })).rejects.toBeInstanceOf(RateLimitError);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('ends on time with TaskTimeoutError carrying the id and the last snapshot', async () => {
    const running = snap('processing', { progress: 42 });
    const started = Date.now();
    const error = await waitForTask(script(running), ID, { pollInterval: 50, timeout: 300 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ taskId: ID, timeout: 300, task: running });
    expect((error as Error).message).toContain(`client.tasks.wait('${ID}')`);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
  });

  it('the deadline interrupts a long poll sleep', async () => {
    const started = Date.now();
    await expect(waitForTask(script(snap('processing')), ID, { pollInterval: 60_000, timeout: 200 }, snap('pending'))).rejects.toBeInstanceOf(TaskTimeoutError);
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('aborting interrupts the sleep at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort('stop'), 50);
    const started = Date.now();
    const error = await waitForTask(script(snap('processing')), ID, { pollInterval: 60_000, signal: controller.signal }, snap('pending')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ taskId: ID, cause: 'stop' });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('aborting interrupts an in-flight poll at once', async () => {
    const controller = new AbortController();
    const hanging: GetTask = (_id, { signal }) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted fetch')), { once: true }));
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(waitForTask(hanging, ID, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('an already-aborted signal rejects before any poll', async () => {
    const get = script(done);
    await expect(waitForTask(get, ID, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(get.calls).toBe(0);
  });

  it('honours a pollInterval function with the attempt and the last snapshot', async () => {
    const calls: [number, string][] = [];
    const get = script(snap('processing'), snap('processing'), done);
    await waitForTask(get, ID, { pollInterval: (attempt, task) => (calls.push([attempt, task.status]), 1) }, snap('pending'));
    expect(calls).toEqual([
      [0, 'pending'],
      [1, 'processing'],
      [2, 'processing'],
    ]);
  });

  it('resuming by id polls immediately', async () => {
    const get = script(done);
    const started = Date.now();
    await waitForTask(get, ID, {});
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('expiresAt is a lower bound: the last moment the task was seen unfinished', async () => {
    const before = Date.now();
    const get = script(snap('processing'), done);
    const video = await waitForTask(get, ID, { pollInterval: 100 });
    expect(video.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(video.expiresAt.getTime()).toBeLessThan(Date.now() + 86_400_000 - 50);
  });
});

describe('defaultPollInterval', () => {
  const now = 1_800_000_000_000;
  const mid = () => 0.5;
  it('stays within 3–15 s (±10 % jitter) and backs off without an estimate', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((a) => defaultPollInterval(a, snap('processing'), now, mid))).toEqual([3000, 4500, 6750, 10125, 15000, 15000, 15000]);
    for (let a = 0; a < 30; a++) {
      const d = defaultPollInterval(a, snap('processing'));
      expect(d).toBeGreaterThanOrEqual(2700);
      expect(d).toBeLessThanOrEqual(16500);
    }
  });
  it('uses half the estimated time left from task_info.estimated_time', () => {
    const created = now / 1000 - 100; // 100 s ago, estimated 120 s → 20 s left → 10 s
    expect(defaultPollInterval(0, snap('processing', { created, task_info: { estimated_time: 120 } }), now, mid)).toBe(10_000);
    expect(defaultPollInterval(0, snap('pending', { created: now / 1000, task_info: { estimated_time: 120 } }), now, mid)).toBe(15_000);
    expect(defaultPollInterval(0, snap('processing', { created, task_info: { estimated_time: 102 } }), now, mid)).toBe(3000);
  });
});
