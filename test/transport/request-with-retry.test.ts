import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  RateLimitError,
} from '../../src/index.js';
import { errorFromResponse } from '../../src/transport/error-from-response.js';
import type { HttpRequest, HttpResponse } from '../../src/transport/http-client.js';
import { RateGate } from '../../src/transport/rate-gate.js';
import { requestWithRetry, type RetryEvent, type RetryOptions } from '../../src/transport/request-with-retry.js';
import { DEFAULT_RETRY_POLICY } from '../../src/transport/retry-policy.js';

const OK: HttpResponse = { status: 200, headers: {}, data: { id: 'task-unified-1', status: 'pending' }, requestId: undefined };
const GET: HttpRequest = { method: 'GET', path: '/v1/tasks/task-unified-1', taskId: 'task-unified-1' };
const POST: HttpRequest = { method: 'POST', path: '/v1/videos/generations', body: {}, idempotencyKey: 'key-0123456789abcdef' };

/** A sender that fails with the scripted errors, then succeeds; records each attempt. */
function scripted(errors: unknown[]) {
  const attempts: HttpRequest[] = [];
  return {
    attempts,
    send: async (request: HttpRequest) => {
      attempts.push(request);
      const next = errors.shift();
      if (next !== undefined) throw next;
      return OK;
    },
  };
}

function options(extra: Partial<RetryOptions> = {}): RetryOptions & { events: RetryEvent[] } {
  const events: RetryEvent[] = [];
  return { maxRetries: 2, timeout: 1000, policy: { ...DEFAULT_RETRY_POLICY, initialDelay: 10, maxDelay: 40 }, gate: new RateGate(), onRetry: (e) => events.push(e), events, ...extra };
}

const rateLimited = (headers: Record<string, string>) => errorFromResponse(429, headers, '{}', {});

describe('requestWithRetry', () => {
  it('retries a GET on 503 and returns the success', async () => {
    const http = scripted([errorFromResponse(503, {}, '', {}), errorFromResponse(502, {}, '<html>', {})]);
    const opts = options();
    await expect(requestWithRetry(http, GET, opts)).resolves.toBe(OK);
    expect(http.attempts).toHaveLength(3);
    expect(opts.events.map((e) => e.retry)).toEqual([1, 2]);
  });

  it('waits exactly what Retry-After asks (seconds), not the backoff', async () => {
    const http = scripted([rateLimited({ 'retry-after': '0.2' })]);
    const opts = options();
    const started = Date.now();
    await requestWithRetry(http, GET, opts);
    expect(opts.events[0]?.delay).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('honours retry-after-ms and an HTTP date', async () => {
    const date = new Date(Date.now() + 1500).toUTCString(); // second resolution: 0.5–1.5 s away
    const http = scripted([rateLimited({ 'retry-after-ms': '30' }), rateLimited({ 'retry-after': date })]);
    const opts = options({ maxRetries: 2, policy: { ...DEFAULT_RETRY_POLICY, maxRetryAfter: 5000 } });
    await requestWithRetry(http, GET, opts);
    expect(opts.events[0]?.delay).toBe(30);
    expect(opts.events[1]?.delay).toBeGreaterThan(0);
    expect(opts.events[1]?.delay).toBeLessThanOrEqual(1500);
  });

  it('uses bounded exponential backoff without Retry-After', async () => {
    const http = scripted([errorFromResponse(500, {}, '', {}), errorFromResponse(500, {}, '', {}), errorFromResponse(500, {}, '', {})]);
    const opts = options({ maxRetries: 3 });
    await requestWithRetry(http, GET, opts);
    const delays = opts.events.map((e) => e.delay);
    expect(delays).toHaveLength(3);
    [10, 20, 40].forEach((base, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(base * 0.75);
      expect(delays[i]).toBeLessThanOrEqual(base);
    });
  });

  it('does not sleep through a Retry-After above the cap: throws RateLimitError with retryAfter at once', async () => {
    const http = scripted([rateLimited({ 'retry-after': '3600' })]);
    const opts = options();
    const started = Date.now();
    const error = await requestWithRetry(http, GET, opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(http.attempts).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('does not schedule a retry past the deadline', async () => {
    const http = scripted([rateLimited({ 'retry-after': '2' })]);
    const error = await requestWithRetry(http, GET, options({ deadline: Date.now() + 500 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(http.attempts).toHaveLength(1);
  });

  it('gives up after maxRetries with the last error', async () => {
    const http = scripted([errorFromResponse(500, {}, '', {}), errorFromResponse(502, {}, '', {}), errorFromResponse(504, {}, '', {})]);
    const error = await requestWithRetry(http, GET, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(504);
    expect(http.attempts).toHaveLength(3);
  });

  it('POST: retried on 429/5xx and pre-send failures with the same Idempotency-Key', async () => {
    const http = scripted([
      errorFromResponse(503, {}, '', {}),
      new APIConnectionError('refused', { mayHaveReachedServer: false }),
    ]);
    await requestWithRetry(http, POST, options());
    expect(http.attempts).toHaveLength(3);
    expect(new Set(http.attempts.map((a) => a.idempotencyKey))).toEqual(new Set(['key-0123456789abcdef']));
  });

  it('POST: never retried after a timeout or a reset once sent', async () => {
    for (const error of [
      new APITimeoutError('t', { mayHaveReachedServer: true, timeout: 5, idempotencyKey: POST.idempotencyKey }),
      new APIConnectionError('reset', { mayHaveReachedServer: true, idempotencyKey: POST.idempotencyKey }),
    ]) {
      const http = scripted([error]);
      await expect(requestWithRetry(http, POST, options())).rejects.toBe(error);
      expect(http.attempts).toHaveLength(1);
    }
  });

  it('aborting during a backoff sleep rejects at once with APIUserAbortError', async () => {
    const http = scripted([rateLimited({ 'retry-after': '30' })]);
    const controller = new AbortController();
    const reason = new Error('user gave up');
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    const error = await requestWithRetry(http, GET, options({ signal: controller.signal, policy: { ...DEFAULT_RETRY_POLICY, maxRetryAfter: 60_000 } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).cause).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a 429 pauses the shared gate: other requests on the same client wait too', async () => {
    const gate = new RateGate();
    const http = scripted([rateLimited({ 'retry-after': '0.3' })]);
    const first = requestWithRetry(http, GET, options({ gate }));
    await new Promise((r) => setTimeout(r, 30));
    expect(gate.remaining).toBeGreaterThan(150);
    const other = scripted([]);
    const started = Date.now();
    await requestWithRetry(other, GET, options({ gate }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await first;
  });
});
