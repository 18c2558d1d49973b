import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  BadRequestError,
  InvalidResponseError,
  ValidationError,
} from '../../src/index.js';
import { errorFromResponse, parseRetryAfter } from '../../src/errors/from-response.js';
import { evolinkErrors } from '../../src/providers/evolink/errors.js';
import { backoffDelay, decideRetry, isRetryable, noRetryNote, DEFAULT_RETRY_POLICY } from '../../src/transport/retry-policy.js';

const status = (s: number) => errorFromResponse(s, {}, '{}', {}, evolinkErrors);
const conn = (mayHaveReachedServer: boolean) => new APIConnectionError('x', { mayHaveReachedServer });

describe('isRetryable', () => {
  const table: [string, unknown, boolean, boolean][] = [
    // name, error, retried on GET, retried on POST
    ['400', status(400), false, false],
    ['401', status(401), false, false],
    ['402', status(402), false, false],
    ['403', status(403), false, false],
    ['404', status(404), false, false],
    ['408', status(408), true, false],
    ['409', status(409), true, false],
    ['422', status(422), false, false],
    ['429', status(429), true, true],
    ['500', status(500), true, true],
    ['502', status(502), true, true],
    ['503', status(503), true, true],
    ['504', status(504), true, true],
    ['refused / DNS (before sending)', conn(false), true, true],
    ['reset after sending', conn(true), true, false],
    ['timeout', new APITimeoutError('t', { mayHaveReachedServer: true, timeout: 1 }), true, false],
    ['truncated JSON', new InvalidResponseError('x', { status: 200, reason: 'invalid_json' }), true, false],
    ['cross-origin redirect', new InvalidResponseError('x', { status: 302, reason: 'redirect' }), false, false],
    ['caller abort', new APIUserAbortError(new Error('stop')), false, false],
    ['validation', new ValidationError([]), false, false],
    ['programming error', new TypeError('x is undefined'), false, false],
  ];
  it.each(table.map(([name, error, get, post]) => ({ name, error, get, post })))('$name → GET $get, POST $post', ({ error, get, post }) => {
    expect(isRetryable(error, 'GET')).toBe(get);
    expect(isRetryable(error, 'POST')).toBe(post);
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms up to 8 s with at most 25 % jitter down', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect([0, 1, 4].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY, () => 0.999))).toEqual([375, 750, 6002]);
    for (let n = 0; n < 50; n++) {
      const d = backoffDelay(n);
      expect(d).toBeGreaterThanOrEqual(375);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after': 'Fri, 20 Nov 2026 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Fri, 20 Nov 2026 11:59:00 GMT' }, 0],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after-ms': 'soon', 'retry-after': '3' }, 3000],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-5' }, undefined],
    [{}, undefined],
  ])('%j → %s ms', (headers, expected) => {
    expect(parseRetryAfter(headers as Record<string, string>, now)).toBe(expected);
  });
});

describe('errorFromResponse', () => {
  it('keeps code, type, message, param and request id from the documented body', () => {
    const err = errorFromResponse(
      400,
      { 'x-request-id': 'req-1' },
      JSON.stringify({
        error: {
          code: 'invalid_task_id',
          message: "Invalid task ID format, must start with 'task-unified-'",
          type: 'invalid_request_error',
          param: 'task_id',
        },
      }),
      { requestId: 'req-1', taskId: 'abc' },
      evolinkErrors,
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({
      status: 400,
      code: 'invalid_task_id',
      type: 'invalid_request_error',
      param: 'task_id',
      requestId: 'req-1',
      taskId: 'abc',
    });
    expect(err.message).toContain("must start with 'task-unified-'");
    expect(err.message).toContain('req-1');
  });

  it('accepts a numeric error.code (seen on gateway 429s)', () => {
    const err = errorFromResponse(
      429,
      { 'retry-after': '3' },
      '{"error":{"message":"Resource exhausted","type":"","param":"","code":429}}',
      {},
      evolinkErrors,
    );
    expect(err.code).toBe(429);
    expect(err).toMatchObject({ retryAfter: 3 });
  });
});

describe('decideRetry: the one retry decision (table)', () => {
  const policy = { maxRetryAfter: 60_000, initialDelay: 500, maxDelay: 8_000 };
  const now = 1_000_000;
  const e429 = (retryAfter?: string) =>
    errorFromResponse(429, retryAfter === undefined ? {} : { 'retry-after': retryAfter }, '{}', {}, evolinkErrors);
  const e500 = errorFromResponse(500, {}, '', {}, evolinkErrors);
  const e400 = errorFromResponse(400, {}, '', {}, evolinkErrors);
  const sent = new APIConnectionError('reset', { mayHaveReachedServer: true });
  const notSent = new APIConnectionError('refused', { mayHaveReachedServer: false });
  const random = () => 0;
  it.each([
    ['400 is final', e400, 'GET', 0, 2, undefined, { retry: false, reason: 'not_retryable' }],
    ['POST reset after sending is final', sent, 'POST', 0, 2, undefined, { retry: false, reason: 'not_retryable' }],
    ['POST refused before sending is retried', notSent, 'POST', 0, 2, undefined, { retry: true, delay: 500 }],
    ['GET reset is retried', sent, 'GET', 0, 2, undefined, { retry: true, delay: 500 }],
    ['retries exhausted', e500, 'GET', 2, 2, undefined, { retry: false, reason: 'exhausted' }],
    ['backoff doubles', e500, 'GET', 2, 5, undefined, { retry: true, delay: 2000 }],
    ['backoff is capped', e500, 'GET', 9, 10, undefined, { retry: true, delay: 8000 }],
    ['Retry-After wins over backoff', e429('2'), 'POST', 0, 2, undefined, { retry: true, delay: 2000 }],
    [
      'Retry-After above maxRetryAfter stops',
      e429('61'),
      'GET',
      0,
      2,
      undefined,
      { retry: false, reason: 'retry_after_too_long', delay: 61_000 },
    ],
    ['Retry-After past the deadline stops', e429('3'), 'POST', 0, 2, now + 1000, { retry: false, reason: 'past_deadline', delay: 3000 }],
    ['Retry-After before the deadline is waited', e429('3'), 'GET', 0, 2, now + 5000, { retry: true, delay: 3000 }],
    [
      'a backoff into the deadline is still scheduled (the deadline cuts it short)',
      e500,
      'GET',
      3,
      9,
      now + 100,
      { retry: true, delay: 4000 },
    ],
    ['unlimited retries inside a wait', e500, 'GET', 1000, Number.POSITIVE_INFINITY, now + 60_000, { retry: true, delay: 8000 }],
  ] as const)('%s', (_name, error, method, retriesDone, maxRetries, deadline, expected) => {
    expect(decideRetry({ error, method, retriesDone, maxRetries, now, deadline, policy, random })).toEqual(expected);
  });

  it('says why a retry was refused', () => {
    expect(noRetryNote({ retry: false, reason: 'retry_after_too_long', delay: 120_000 }, policy)).toBe(
      'Not retried: the server asked to wait 120 s, longer than maxRetryAfter (60 s); retry later or raise maxRetryAfter.',
    );
    expect(noRetryNote({ retry: false, reason: 'past_deadline', delay: 3000 }, policy)).toMatch(
      /waiting 3 s .* would pass this call's deadline/,
    );
    expect(noRetryNote({ retry: false, reason: 'not_retryable' }, policy)).toBeUndefined();
  });
});
