import { describe, expect, it } from 'vitest';
import { APIConnectionError, APITimeoutError, APIUserAbortError, InternalServerError, RateLimitError } from '../../src/index.js';
import type { PreparedRequest } from '../../src/request/build-request.js';
import { errorFromResponse } from '../../src/errors/from-response.js';
import { evolinkErrors } from '../../src/providers/evolink/errors.js';
import type { HttpResponse } from '../../src/transport/http-client.js';
import { RateGate, type RetryEvent, type SendOptions, sendWithRetry } from '../../src/transport/send-with-retry.js';
import { DEFAULT_RETRY_POLICY } from '../../src/transport/retry-policy.js';
import { VirtualClock } from '../support/virtual-clock.js';

const OK: HttpResponse = { status: 200, headers: {}, data: { id: 'task-unified-1', status: 'pending' }, requestId: undefined };
const GET: PreparedRequest = { method: 'GET', path: '/v1/tasks/task-unified-1', taskId: 'task-unified-1', headers: {}, body: undefined };
const POST: PreparedRequest = {
  method: 'POST',
  path: '/v1/videos/generations',
  body: '{}',
  headers: {},
  idempotencyKey: 'key-0123456789abcdef',
};

/** A sender that fails with the scripted errors, then succeeds; records each attempt and when it was sent. */
function scripted(clock: VirtualClock, errors: unknown[]) {
  const attempts: { request: PreparedRequest; at: number }[] = [];
  return {
    attempts,
    send: async (request: PreparedRequest) => {
      attempts.push({ request, at: clock.now() });
      const next = errors.shift();
      if (next !== undefined) throw next;
      return OK;
    },
  };
}

function setup(extra: Partial<SendOptions> = {}) {
  const clock = new VirtualClock();
  const events: RetryEvent[] = [];
  const options: SendOptions = {
    maxRetries: 2,
    timeout: 1000,
    policy: { ...DEFAULT_RETRY_POLICY, initialDelay: 10, maxDelay: 40 },
    gate: new RateGate(clock, () => 0),
    clock,
    onRetry: (e) => events.push(e),
    ...extra,
  };
  return { clock, events, options };
}

const rateLimited = (headers: Record<string, string>) => errorFromResponse(429, headers, '{}', {}, evolinkErrors);
const outcome = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);

describe('sendWithRetry (virtual clock: the delays asserted are the ones scheduled)', () => {
  it('retries a GET on 503 and 502 and returns the success', async () => {
    const { clock, events, options } = setup();
    const http = scripted(clock, [
      errorFromResponse(503, {}, '', {}, evolinkErrors),
      errorFromResponse(502, {}, '<html>', {}, evolinkErrors),
    ]);
    await expect(clock.run(sendWithRetry(http, GET, options))).resolves.toBe(OK);
    expect(http.attempts).toHaveLength(3);
    expect(events.map((e) => e.retry)).toEqual([1, 2]);
  });

  it('waits exactly what Retry-After asks (seconds), not the backoff', async () => {
    const { clock, events, options } = setup();
    const http = scripted(clock, [rateLimited({ 'retry-after': '0.2' })]);
    await clock.run(sendWithRetry(http, GET, options));
    expect(events[0]?.delay).toBe(200);
    expect(http.attempts[1]!.at - http.attempts[0]!.at).toBeGreaterThanOrEqual(200);
  });

  it('honours retry-after-ms and an HTTP date', async () => {
    const { clock, events, options } = setup({ policy: { ...DEFAULT_RETRY_POLICY, maxRetryAfter: 5000 } });
    const date = new Date(Date.now() + 1500).toUTCString(); // second resolution: 0.5–1.5 s away
    const http = scripted(clock, [rateLimited({ 'retry-after-ms': '30' }), rateLimited({ 'retry-after': date })]);
    await clock.run(sendWithRetry(http, GET, options));
    expect(events[0]?.delay).toBe(30);
    expect(events[1]?.delay).toBeGreaterThan(0);
    expect(events[1]?.delay).toBeLessThanOrEqual(1500);
  });

  it('uses bounded exponential backoff without Retry-After, and sleeps exactly that', async () => {
    const { clock, events, options } = setup({ maxRetries: 3 });
    const http = scripted(clock, [
      errorFromResponse(500, {}, '', {}, evolinkErrors),
      errorFromResponse(500, {}, '', {}, evolinkErrors),
      errorFromResponse(500, {}, '', {}, evolinkErrors),
    ]);
    await clock.run(sendWithRetry(http, GET, options));
    const delays = events.map((e) => e.delay);
    expect(delays).toHaveLength(3);
    [10, 20, 40].forEach((base, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(base * 0.75);
      expect(delays[i]).toBeLessThanOrEqual(base);
    });
    expect(clock.sleeps).toEqual(delays);
  });

  it('does not sleep through a Retry-After above the cap: throws RateLimitError with retryAfter, saying why', async () => {
    const { clock, options } = setup();
    const http = scripted(clock, [rateLimited({ 'retry-after': '3600' })]);
    const error = await clock.run(outcome(sendWithRetry(http, GET, options)));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect((error as RateLimitError).message).toMatch(/Not retried: the server asked to wait 3600 s, longer than maxRetryAfter \(60 s\)/);
    expect(http.attempts).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not schedule a retry past the deadline, even one set after the request started', async () => {
    const { clock, options } = setup();
    let deadline: number | undefined;
    const http = scripted(clock, [rateLimited({ 'retry-after': '2' })]);
    deadline = clock.now() + 500;
    const error = await clock.run(outcome(sendWithRetry(http, GET, { ...options, deadline: () => deadline })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(/would pass this call's deadline/);
    expect(http.attempts).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { clock, options } = setup();
    const http = scripted(clock, [
      errorFromResponse(500, {}, '', {}, evolinkErrors),
      errorFromResponse(502, {}, '', {}, evolinkErrors),
      errorFromResponse(504, {}, '', {}, evolinkErrors),
    ]);
    const error = await clock.run(outcome(sendWithRetry(http, GET, options)));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(504);
    expect(http.attempts).toHaveLength(3);
  });

  it('POST: retried on 429/5xx and pre-send failures with the same Idempotency-Key', async () => {
    const { clock, options } = setup();
    const http = scripted(clock, [
      errorFromResponse(503, {}, '', {}, evolinkErrors),
      new APIConnectionError('refused', { mayHaveReachedServer: false }),
    ]);
    await clock.run(sendWithRetry(http, POST, options));
    expect(http.attempts).toHaveLength(3);
    expect(new Set(http.attempts.map((a) => a.request.idempotencyKey))).toEqual(new Set(['key-0123456789abcdef']));
  });

  it('POST: never retried after a timeout or a reset once sent', async () => {
    for (const error of [
      new APITimeoutError('t', { mayHaveReachedServer: true, timeout: 5, idempotencyKey: POST.idempotencyKey }),
      new APIConnectionError('reset', { mayHaveReachedServer: true, idempotencyKey: POST.idempotencyKey }),
    ]) {
      const { clock, options } = setup();
      const http = scripted(clock, [error]);
      await expect(clock.run(sendWithRetry(http, POST, options))).rejects.toBe(error);
      expect(http.attempts).toHaveLength(1);
    }
  });

  it('aborting during a backoff sleep rejects at once with APIUserAbortError', async () => {
    const { clock, options } = setup({ policy: { ...DEFAULT_RETRY_POLICY, maxRetryAfter: 60_000 } });
    const http = scripted(clock, [rateLimited({ 'retry-after': '30' })]);
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const pending = outcome(sendWithRetry(http, GET, { ...options, signal: controller.signal }));
    await clock.advance(50);
    controller.abort(reason);
    const error = await clock.run(pending);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).cause).toBe(reason);
    expect((error as APIUserAbortError).mayHaveReachedServer).toBe(false);
    expect(clock.now() - 1_760_000_000_000).toBe(50);
  });

  it('a 429 pauses the shared gate: another request on the same client is held for the Retry-After', async () => {
    const { clock, options } = setup();
    const http = scripted(clock, [rateLimited({ 'retry-after': '0.3' })]);
    const first = sendWithRetry(http, GET, options);
    await clock.advance(0);
    expect(options.gate.remaining).toBe(300);
    const other = scripted(clock, []);
    await clock.run(Promise.all([first, sendWithRetry(other, GET, options)]));
    expect(other.attempts[0]!.at - 1_760_000_000_000).toBeGreaterThanOrEqual(300);
  });
});
