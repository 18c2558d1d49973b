import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  InsufficientQuotaError,
  InternalServerError,
  InvalidResponseError,
  isTerminal,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TaskFailedError,
} from '../../src/index.js';
import { novitaErrors } from '../../src/providers/novita/errors.js';
import { DEFAULT_RESULT_TTL_SECONDS, parseNovitaCreated, parseNovitaTask } from '../../src/providers/novita/parse-task.js';
import { completedTask } from '../../src/tasks/parse-task.js';
import { UNINFORMED_POLL_MS, defaultPollInterval } from '../../src/tasks/poll-interval.js';
import { TaskTiming } from '../../src/tasks/task-timing.js';
import { errorFromResponse } from '../../src/errors/from-response.js';

const ID = '3f8c7a1e-6a53-4c3e-9b0e-2f3c1d4e5a6b';
const NOW = 1_760_000_000_000;
const context = { status: 200, receivedAt: NOW };
const VIDEO = 'https://faas-output.example/video/v.mp4';

/** A task-result answer, as novita documents it. */
function answer(task: Record<string, unknown>, videos: Record<string, unknown>[] = []): Record<string, unknown> {
  return { task: { task_id: ID, reason: '', task_type: 'VIDEO', ...task }, extra: { seed: '1' }, images: [], videos, audios: [] };
}

describe('novita task-result → SDK task', () => {
  it.each([
    ['TASK_STATUS_QUEUED', 'pending', false],
    ['TASK_STATUS_PROCESSING', 'processing', false],
    ['TASK_STATUS_SUCCEED', 'completed', true],
    ['TASK_STATUS_FAILED', 'failed', true],
    ['TASK_STATUS_CANCELED', 'TASK_STATUS_CANCELED', false],
    ['TASK_STATUS_SOMETHING_NEW', 'TASK_STATUS_SOMETHING_NEW', false],
  ])('%s → %s (terminal: %s)', (wire, status, terminal) => {
    const task = parseNovitaTask(answer({ status: wire }, [{ video_url: VIDEO }]), context);
    expect(task.status).toBe(status);
    expect(isTerminal(task)).toBe(terminal);
  });

  it('maps progress_percent, eta, videos and keeps the whole answer under novita', () => {
    const data = answer({ status: 'TASK_STATUS_PROCESSING', progress_percent: 40, eta: 30 });
    expect(parseNovitaTask(data, context)).toEqual({
      id: ID,
      status: 'processing',
      progress: 40,
      task_info: { remaining_time: 30 },
      novita: data,
    });
  });

  it('reads numbers sent as strings', () => {
    const task = parseNovitaTask(answer({ status: 'TASK_STATUS_PROCESSING', progress_percent: '55', eta: '12' }), context);
    expect(task).toMatchObject({ progress: 55, task_info: { remaining_time: 12 } });
  });

  it('turns videos[].video_url into results, expiring video_url_ttl seconds after the answer was read', () => {
    const task = parseNovitaTask(
      answer({ status: 'TASK_STATUS_SUCCEED', progress_percent: 100 }, [
        { video_url: VIDEO, video_url_ttl: '600', video_type: 'mp4' },
        { video_url: `${VIDEO}?2`, video_url_ttl: 900, video_type: 'mp4' },
      ]),
      context,
    );
    const done = completedTask(task, NOW - 5000, NOW);
    expect(done).toMatchObject({ status: 'completed', url: VIDEO, results: [VIDEO, `${VIDEO}?2`] });
    expect(done.expiresAt).toEqual(new Date(NOW + 600_000));
  });

  it(`assumes ${DEFAULT_RESULT_TTL_SECONDS} s when novita states no TTL (the conservative choice)`, () => {
    for (const ttl of [undefined, '', 'soon', 0, -5]) {
      const task = parseNovitaTask(answer({ status: 'TASK_STATUS_SUCCEED' }, [{ video_url: VIDEO, video_url_ttl: ttl }]), context);
      expect(task.expiresAt).toEqual(new Date(NOW + 3_600_000));
    }
  });

  it('a finished task without a usable video is a TaskResultError, not a success', () => {
    const empty = parseNovitaTask(answer({ status: 'TASK_STATUS_SUCCEED' }), context);
    expect(() => completedTask(empty, undefined, NOW)).toThrow(/without any result URL/);
    const broken = parseNovitaTask(answer({ status: 'TASK_STATUS_SUCCEED' }, [{ url: VIDEO }]), context);
    expect(() => completedTask(broken, undefined, NOW)).toThrow(/without any result URL/);
  });

  it('task.reason becomes the TaskFailedError message', () => {
    const task = parseNovitaTask(answer({ status: 'TASK_STATUS_FAILED', reason: 'content moderation failed' }), context);
    const error = new TaskFailedError(task);
    expect(error).toMatchObject({
      taskId: ID,
      status: 'failed',
      serverMessage: 'content moderation failed',
      code: undefined,
      retryable: false,
    });
    expect(error.message).toBe(`Task ${ID} failed (content moderation failed).`);
    expect(new TaskFailedError(parseNovitaTask(answer({ status: 'TASK_STATUS_FAILED' }), context)).message).toBe(`Task ${ID} failed.`);
  });

  it('refuses an answer without a task, or about another task', () => {
    for (const data of [null, [], 'text', {}, { task: 'x' }, { task: { status: 'TASK_STATUS_QUEUED' } }]) {
      expect(() => parseNovitaTask(data, { ...context, expectedId: ID })).toThrow(InvalidResponseError);
    }
    const other = answer({ status: 'TASK_STATUS_SUCCEED', task_id: 'someone-else' }, [{ video_url: VIDEO }]);
    expect(() => parseNovitaTask(other, { ...context, expectedId: ID })).toThrow(expect.objectContaining({ reason: 'mismatched_task' }));
  });

  it('reads the create answer { task_id } as a pending task', () => {
    expect(parseNovitaCreated({ task_id: ID }, context)).toEqual({ id: ID, status: 'pending', novita: { task_id: ID } });
    expect(() => parseNovitaCreated({ id: ID }, context)).toThrow(InvalidResponseError);
  });

  it('eta is the wait’s estimate: the default schedule dates the expected end from it', () => {
    const timed = (eta?: number) => {
      const timing = new TaskTiming();
      timing.observe(parseNovitaTask(answer({ status: 'TASK_STATUS_PROCESSING', ...(eta === undefined ? {} : { eta }) }), context), NOW);
      return timing;
    };
    expect(timed(120).expectedEnd).toBe(NOW + 120_000);
    // An estimate alone (no confirmed trend) keeps the steady cadence; at the end: dense; no estimate: steady too.
    expect(defaultPollInterval(timed(600), NOW, () => 0.5)).toBe(UNINFORMED_POLL_MS);
    expect(defaultPollInterval(timed(0), NOW, () => 0.5)).toBeLessThanOrEqual(3_000);
    expect(defaultPollInterval(timed(), NOW, () => 0.5)).toBe(UNINFORMED_POLL_MS);
  });
});

describe('novita error bodies → the SDK’s error classes, code = novita’s reason', () => {
  const body = (code: number, reason: string, message = `${reason} happened`) => JSON.stringify({ code, reason, message, metadata: {} });
  it.each([
    [400, 'INVALID_REQUEST_BODY', BadRequestError],
    [400, 'ILLEGAL_PROMPT', BadRequestError],
    [400, 'MISSING_API_KEY', AuthenticationError],
    [403, 'INVALID_API_KEY', AuthenticationError],
    [400, 'BILLING_BALANCE_NOT_ENOUGH', InsufficientQuotaError],
    [403, 'NOT_ENOUGH_BALANCE', InsufficientQuotaError],
    [403, 'API_NOT_ALLOWED', PermissionDeniedError],
    [404, 'TASK_NOT_FOUND', NotFoundError],
    [404, 'API_NOT_FOUND', NotFoundError],
    [429, 'RATE_LIMIT_EXCEEDED', RateLimitError],
    [500, 'CREATE_TASK_FAILED', InternalServerError],
    [500, 'TASK_FAILED', InternalServerError],
  ] as const)('%i %s → %s', (status, reason, ErrorClass) => {
    const error = errorFromResponse(status, { 'retry-after': '2' }, body(status, reason), { requestId: 'req-1' }, novitaErrors);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, code: reason, body: { code: status, reason, metadata: {} } });
    expect(error.message).toMatch(new RegExp(`^${status} ${reason} ${reason} happened; .* \\(request id req-1\\)$`));
  });

  it('advises per gateway: NOVITA_API_KEY for a bad key, no "already retried" on 5xx', () => {
    expect(errorFromResponse(403, {}, body(403, 'INVALID_API_KEY'), {}, novitaErrors).message).toMatch(
      /check the API key \(NOVITA_API_KEY or the apiKey option\)/,
    );
    expect(errorFromResponse(503, {}, body(503, 'X'), {}, novitaErrors).message).not.toMatch(/already retried/);
  });

  it('keeps Retry-After on a 429', () => {
    expect(errorFromResponse(429, { 'retry-after': '3' }, body(429, 'RATE_LIMIT_EXCEEDED'), {}, novitaErrors)).toMatchObject({
      retryAfter: 3,
    });
  });

  it('an HTML page or another JSON shape still gives the class of the status', () => {
    const html = errorFromResponse(502, {}, '<html>Bad Gateway</html>', {}, novitaErrors);
    expect(html).toBeInstanceOf(InternalServerError);
    expect(html.message).toMatch(/^502 non-JSON error body/);
    const proxy = errorFromResponse(401, {}, '{"error":{"code":"unauthorized","message":"no"}}', {}, novitaErrors);
    expect(proxy).toMatchObject({ code: 'unauthorized' });
    expect(proxy).toBeInstanceOf(AuthenticationError);
  });
});
