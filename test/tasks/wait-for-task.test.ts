import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  InvalidOptionError,
  NotFoundError,
  RateLimitError,
  TaskFailedError,
  TaskResultError,
  TaskTimeoutError,
  type Task,
} from '../../src/index.js';
import type { PreparedRequest } from '../../src/request/build-request.js';
import { parseTask } from '../../src/providers/task-shape.js';
import { type GetTask, waitForTask } from '../../src/tasks/wait-for-task.js';
import { type WaitOptions, resolveWaitOptions } from '../../src/tasks/wait-options.js';
import { errorFromResponse } from '../../src/errors/from-response.js';
import { evolinkErrors } from '../../src/providers/evolink/errors.js';
import { RateGate, type RetryEvent, sendWithRetry } from '../../src/transport/send-with-retry.js';
import { DEFAULT_RETRY_POLICY } from '../../src/transport/retry-policy.js';
import { DOCUMENTED_TASK_ERROR_CODES } from '../support/task-error-codes.js';
import { VirtualClock } from '../support/virtual-clock.js';

const ID = 'task-unified-1757169743-7cvnl5zw';
const snap = (status: string, extra: Partial<Task> = {}): Task => ({ id: ID, status, ...extra });
const done = snap('completed', { progress: 100, results: ['https://cdn.example/v.mp4'] });
const START = 1_760_000_000_000;

/**
 * A getTask composed as the client composes it (sendWithRetry with unlimited retries within the wait's deadline,
 * then parseTask), over a server that plays the script (errors are thrown), repeating the last entry.
 */
function script(clock: VirtualClock, ...steps: (Task | Error)[]): GetTask & { calls: number; retries: RetryEvent[] } {
  const retries: RetryEvent[] = [];
  const http = {
    send: async () => {
      const step = steps[Math.min(fn.calls, steps.length - 1)]!;
      fn.calls++;
      if (step instanceof Error) throw step;
      return { status: 200, headers: {}, data: step, requestId: undefined };
    },
  };
  const request: PreparedRequest = { method: 'GET', path: `/v1/tasks/${ID}`, taskId: ID, headers: {}, body: undefined };
  const gate = new RateGate(clock, () => 0);
  const fn = (async (_id, { signal, deadline }) => {
    const response = await sendWithRetry(http, request, {
      maxRetries: Number.POSITIVE_INFINITY,
      timeout: 0,
      signal,
      deadline: () => deadline,
      policy: { ...DEFAULT_RETRY_POLICY, initialDelay: 100, maxDelay: 800 },
      gate,
      clock,
      onRetry: (event) => retries.push(event),
    });
    return parseTask(response.data, { status: 200, expectedId: ID });
  }) as GetTask & { calls: number; retries: RetryEvent[] };
  fn.calls = 0;
  fn.retries = retries;
  return fn;
}

/** Runs a wait on a virtual clock. */
function wait(clock: VirtualClock, get: GetTask, options: WaitOptions = {}, initial?: Task, stop?: AbortSignal) {
  return clock.run(waitForTask(get, ID, { ...resolveWaitOptions(options, clock.now()), stop }, clock, initial));
}
const outcome = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);

describe('waitForTask (virtual clock)', () => {
  it('polls until completed and returns url, results and expiresAt', async () => {
    const clock = new VirtualClock(START);
    const get = script(clock, snap('processing', { progress: 10 }), snap('processing', { progress: 60 }), done);
    const seen: string[] = [];
    const video = await wait(
      clock,
      get,
      { pollInterval: 10, onProgress: (t) => seen.push(`${t.status}:${t.progress}`) },
      snap('pending', { progress: 0 }),
    );
    expect(video).toMatchObject({ id: ID, status: 'completed', url: 'https://cdn.example/v.mp4', results: ['https://cdn.example/v.mp4'] });
    expect(seen).toEqual(['pending:0', 'processing:10', 'processing:60', 'completed:100']);
    // Seen unfinished by the poll sent at START + 20 ms: the links live at least 24 h from then.
    expect(video.expiresAt.getTime()).toBe(START + 20 + 86_400_000);
  });

  it('calls onProgress only when status or progress changes', async () => {
    const clock = new VirtualClock();
    const get = script(
      clock,
      snap('processing', { progress: 5 }),
      snap('processing', { progress: 5 }),
      snap('processing', { progress: 5 }),
      done,
    );
    const seen: unknown[] = [];
    await wait(clock, get, { pollInterval: 1, onProgress: (t) => seen.push(t.progress) });
    expect(seen).toEqual([5, 100]);
  });

  it('treats unknown statuses as still running', async () => {
    const clock = new VirtualClock();
    const get = script(clock, snap('queued'), snap('THROTTLED'), done);
    await expect(wait(clock, get, { pollInterval: 1 })).resolves.toMatchObject({ status: 'completed' });
    expect(get.calls).toBe(3);
  });

  it.each([...DOCUMENTED_TASK_ERROR_CODES, ['some_future_code', false] as const])(
    'failed with %s → TaskFailedError, retryable %s',
    async (code, retryable) => {
      const clock = new VirtualClock();
      const failed = snap('failed', { error: { code, message: 'Content policy violation.\nblocked', type: 'task_error' } });
      const error = await outcome(wait(clock, script(clock, failed), { pollInterval: 1 }));
      expect(error).toBeInstanceOf(TaskFailedError);
      expect(error).toMatchObject({ taskId: ID, code, retryable, status: 'failed', task: failed });
      expect((error as Error).message).toContain(code);
    },
  );

  it('cancelled is terminal', async () => {
    const clock = new VirtualClock();
    const error = await outcome(wait(clock, script(clock, snap('cancelled')), { pollInterval: 1 }));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ status: 'cancelled', code: 'request_cancelled', retryable: true });
  });

  it.each([
    ['no results', snap('completed')],
    ['empty results', snap('completed', { results: [] })],
    ['an empty link', snap('completed', { results: [''] })],
    ['a javascript: link', snap('completed', { results: ['javascript:alert(1)'] })],
    ['a relative link', snap('completed', { results: ['/videos/v.mp4'] })],
    ['plain http to a remote host', snap('completed', { results: ['http://cdn.example/v.mp4'] })],
    ['a good link followed by a bad one', snap('completed', { results: ['https://cdn.example/v.mp4', 'data:video/mp4,AAAA'] })],
  ])('a completed task with %s is a TaskResultError, never video.url', async (_what, bad) => {
    const clock = new VirtualClock();
    await expect(wait(clock, script(clock, bad), { pollInterval: 1 })).rejects.toBeInstanceOf(TaskResultError);
  });

  it('accepts http result links on loopback (local test servers)', async () => {
    const clock = new VirtualClock();
    const local = snap('completed', { results: ['http://127.0.0.1:8080/v.mp4'] });
    await expect(wait(clock, script(clock, local), { pollInterval: 1 })).resolves.toMatchObject({ url: 'http://127.0.0.1:8080/v.mp4' });
  });

  it('an answer about another task is an InvalidResponseError, never that task', async () => {
    const clock = new VirtualClock();
    const other = { ...done, id: 'task-unified-1757169743-someoneelse' };
    const error = await outcome(wait(clock, script(clock, other), { pollInterval: 1 }));
    expect(error).toMatchObject({ name: 'InvalidResponseError', reason: 'mismatched_task', taskId: ID });
    expect((error as Error).message).toContain('answered about task "task-unified-1757169743-someoneelse"');
  });

  it('keeps waiting through transient poll errors, with the scheduled backoff and Retry-After', async () => {
    const clock = new VirtualClock();
    const get = script(
      clock,
      errorFromResponse(503, {}, '', {}, evolinkErrors),
      errorFromResponse(429, { 'retry-after': '2' }, '{}', {}, evolinkErrors),
      done,
    );
    await expect(wait(clock, get, { pollInterval: 1 })).resolves.toMatchObject({ status: 'completed' });
    expect(get.calls).toBe(3);
    expect(get.retries.map((r) => r.delay)).toEqual([expect.any(Number), 2000]);
    expect(get.retries[0]!.delay).toBeLessThanOrEqual(100);
  });

  it('ends at once on a non-transient error', async () => {
    const clock = new VirtualClock();
    const get = script(clock, errorFromResponse(404, {}, '{"error":{"code":"task_not_found"}}', {}, evolinkErrors));
    await expect(wait(clock, get, { pollInterval: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('ends with RateLimitError when Retry-After outlasts the deadline, without sleeping', async () => {
    const clock = new VirtualClock(START);
    const get = script(clock, errorFromResponse(429, { 'retry-after': '30' }, '{}', {}, evolinkErrors));
    const error = await outcome(wait(clock, get, { pollInterval: 1, timeout: 2000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(/Not retried/);
    expect(clock.now()).toBe(START);
  });

  it('ends with RateLimitError (retryAfter set) when Retry-After exceeds maxRetryAfter, instead of sleeping it out', async () => {
    const clock = new VirtualClock(START);
    const get = script(clock, snap('processing'), errorFromResponse(429, { 'retry-after': '120' }, '{}', {}, evolinkErrors));
    const error = await outcome(wait(clock, get, { pollInterval: 1000, timeout: 0 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(clock.now()).toBe(START + 1000);
  });

  it('ends on time with TaskTimeoutError carrying the id and the last snapshot', async () => {
    const clock = new VirtualClock(START);
    const running = snap('processing', { progress: 42 });
    const error = await outcome(wait(clock, script(clock, running), { pollInterval: 50, timeout: 300 }));
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ taskId: ID, timeout: 300, task: running });
    expect((error as Error).message).toContain(`client.tasks.wait('${ID}')`);
    expect(clock.now()).toBe(START + 300);
  });

  it('the deadline interrupts a long poll sleep', async () => {
    const clock = new VirtualClock(START);
    await expect(
      wait(clock, script(clock, snap('processing')), { pollInterval: 60_000, timeout: 200 }, snap('pending')),
    ).rejects.toBeInstanceOf(TaskTimeoutError);
    expect(clock.now()).toBe(START + 200);
  });

  it('a sleeping wait holds one timer, its next poll: the deadline bounds that sleep instead of a timer of its own', async () => {
    const clock = new VirtualClock(START);
    const options = { ...resolveWaitOptions({ pollInterval: 1000, timeout: 2500 }, clock.now()), stop: undefined };
    const pending = outcome(waitForTask(script(clock, snap('processing')), ID, options, clock, snap('pending')));
    await clock.advance(10);
    expect(clock.pending).toBe(1);
    await clock.advance(1000);
    expect(clock.pending).toBe(1);
    // The last sleep is cut to the deadline: 2500 ms, not 3000.
    await expect(clock.run(pending)).resolves.toBeInstanceOf(TaskTimeoutError);
    expect(clock.now()).toBe(START + 2500);
    expect(clock.sleeps.at(-1)).toBe(500);
  });

  it('the deadline interrupts an in-flight poll', async () => {
    const clock = new VirtualClock(START);
    const hanging: GetTask = (_id, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted fetch')), { once: true }));
    const error = await clock.run(
      outcome(waitForTask(hanging, ID, { ...resolveWaitOptions({ timeout: 300 }, clock.now()), stop: undefined }, clock)),
    );
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect((error as TaskTimeoutError).cause).toMatchObject({ message: 'aborted fetch' });
    expect(clock.now()).toBe(START + 300);
  });

  it('aborting interrupts the sleep at once', async () => {
    const clock = new VirtualClock(START);
    const controller = new AbortController();
    const pending = outcome(
      waitForTask(
        script(clock, snap('processing')),
        ID,
        { ...resolveWaitOptions({ pollInterval: 60_000, signal: controller.signal }, clock.now()), stop: undefined },
        clock,
        snap('pending'),
      ),
    );
    await clock.advance(50);
    controller.abort('stop');
    const error = await clock.run(pending);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ taskId: ID, cause: 'stop' });
    expect(clock.now()).toBe(START + 50);
  });

  it('aborting interrupts an in-flight poll at once', async () => {
    const clock = new VirtualClock(START);
    const controller = new AbortController();
    const hanging: GetTask = (_id, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted fetch')), { once: true }));
    const pending = outcome(
      waitForTask(hanging, ID, { ...resolveWaitOptions({ signal: controller.signal }, clock.now()), stop: undefined }, clock),
    );
    await clock.advance(50);
    controller.abort();
    await expect(pending).resolves.toBeInstanceOf(APIUserAbortError);
    expect(clock.now()).toBe(START + 50);
  });

  it('the stop signal (client.close) ends the wait with ClientClosedError naming the task', async () => {
    const clock = new VirtualClock(START);
    const stop = new AbortController();
    const pending = outcome(wait(clock, script(clock, snap('processing')), { pollInterval: 60_000 }, snap('pending'), stop.signal));
    await clock.advance(10);
    const { ClientClosed } = await import('../../src/transport/attempt-abort.js');
    stop.abort(new ClientClosed());
    const error = await pending;
    expect(error).toMatchObject({ name: 'ClientClosedError', taskId: ID, mayHaveReachedServer: false });
  });

  it('an already-aborted signal rejects before any poll', async () => {
    const clock = new VirtualClock();
    const get = script(clock, done);
    await expect(wait(clock, get, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(get.calls).toBe(0);
  });

  it('honours a pollInterval function with the attempt and the last snapshot, sleeping what it returns', async () => {
    const clock = new VirtualClock();
    const calls: [number, string][] = [];
    const get = script(clock, snap('processing'), snap('processing'), done);
    const pollInterval = (attempt: number, task: Task): number => {
      calls.push([attempt, task.status]);
      return 1234;
    };
    await wait(clock, get, { pollInterval, timeout: 0 }, snap('pending'));
    expect(calls).toEqual([
      [0, 'pending'],
      [1, 'processing'],
      [2, 'processing'],
    ]);
    expect(clock.sleeps).toEqual([1234, 1234, 1234]);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY, '5' as unknown as number, undefined as unknown as number])(
    'a pollInterval function returning %s ends the wait with InvalidOptionError (no tight loop)',
    async (value) => {
      const clock = new VirtualClock();
      const get = script(clock, snap('processing'));
      const error = await outcome(wait(clock, get, { pollInterval: () => value }, snap('pending')));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ option: 'pollInterval' });
      expect(get.calls).toBe(0);
    },
  );

  it('resuming by id polls immediately', async () => {
    const clock = new VirtualClock(START);
    const get = script(clock, done);
    await wait(clock, get, {});
    expect(get.calls).toBe(1);
    expect(clock.now()).toBe(START);
  });

  it('expiresAt is a lower bound: the last moment the task was seen unfinished', async () => {
    const clock = new VirtualClock(START);
    const get = script(clock, snap('processing'), done);
    const video = await wait(clock, get, { pollInterval: 100 });
    expect(video.expiresAt.getTime()).toBe(START + 86_400_000);
  });
});
