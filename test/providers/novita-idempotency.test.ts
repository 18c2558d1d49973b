import { describe, expect, it } from 'vitest';
import { APIConnectionError, APITimeoutError, InvalidOptionError, InvalidResponseError } from '../../src/index.js';
import { buildRequest } from '../../src/request/build-request.js';
import { errorFromResponse } from '../../src/errors/from-response.js';
import { evolinkErrors } from '../../src/providers/evolink/errors.js';
import { decideRetry, isRetryable, noRetryNote, DEFAULT_RETRY_POLICY } from '../../src/transport/retry-policy.js';

const status = (s: number) => errorFromResponse(s, {}, '{}', {}, evolinkErrors);

describe('a create without an Idempotency-Key (novita) is resent only when it provably created nothing', () => {
  // [failure, retried with a key (EvoLink), retried without one (novita)]
  const table: [string, unknown, boolean, boolean][] = [
    ['429 (turned away by the rate limiter)', status(429), true, true],
    ['500', status(500), true, false],
    ['502', status(502), true, false],
    ['503', status(503), true, false],
    ['504', status(504), true, false],
    ['400', status(400), false, false],
    ['refused before sending', new APIConnectionError('refused', { mayHaveReachedServer: false }), true, true],
    ['reset after sending', new APIConnectionError('reset', { mayHaveReachedServer: true }), false, false],
    ['timeout after sending', new APITimeoutError('t', { mayHaveReachedServer: true, timeout: 1 }), false, false],
    ['garbled 2xx body', new InvalidResponseError('x', { status: 200, reason: 'invalid_json' }), false, false],
  ];
  it.each(table)('%s: keyed %s, unkeyed %s', (_name, error, keyed, unkeyed) => {
    expect(isRetryable(error, 'POST', true)).toBe(keyed);
    expect(isRetryable(error, 'POST', false)).toBe(unkeyed);
    expect(isRetryable(error, 'GET', false)).toBe(isRetryable(error, 'GET', true));
  });

  it('says why: a task may exist and resending could create a second one', () => {
    const question = { method: 'POST' as const, retriesDone: 0, maxRetries: 2, now: 0, deadline: undefined, policy: DEFAULT_RETRY_POLICY };
    for (const error of [
      status(503),
      new APITimeoutError('t', { mayHaveReachedServer: true, timeout: 1 }),
      new InvalidResponseError('x', { status: 200, reason: 'invalid_json' }),
    ]) {
      const decision = decideRetry({ ...question, error, keyed: false });
      expect(decision).toEqual({ retry: false, reason: 'no_idempotency_key' });
      expect(noRetryNote(decision, DEFAULT_RETRY_POLICY)).toMatch(/may have created a task .* could create a second, billed task/);
    }
    expect(decideRetry({ ...question, error: status(400), keyed: false })).toEqual({ retry: false, reason: 'not_retryable' });
    expect(decideRetry({ ...question, error: status(503), keyed: true })).toMatchObject({ retry: true });
  });
});

describe('buildRequest on a gateway without idempotency keys', () => {
  const defaults = { apiKey: 'sk-test', userAgent: 'evolink-wan/0', headers: {}, noIdempotencyKeys: 'novita' };
  const create = { method: 'POST' as const, path: '/v3/async/wan2.7-t2v', body: { prompt: 'P' }, createsTask: true };

  it('sends no Idempotency-Key', () => {
    const request = buildRequest(create, defaults);
    expect(request.idempotencyKey).toBeUndefined();
    expect(request.headers).not.toHaveProperty('idempotency-key');
  });

  it('refuses the caller’s key, as an option or a header, instead of dropping it', () => {
    for (const call of [{ idempotencyKey: 'job-0000000000000001' }, { headers: { 'Idempotency-Key': 'job-0000000000000001' } }]) {
      expect(() => buildRequest(create, defaults, call)).toThrow(InvalidOptionError);
      expect(() => buildRequest(create, defaults, call)).toThrow(/novita documents no idempotency key.*may create a second task on novita/);
    }
  });
});
