import { describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidOptionError,
  NotFoundError,
  RateLimitError,
  TaskFailedError,
  WanClient,
} from '../../src/index.js';
import { faults, novitaErrorBody } from '../../src/testing/index.js';
import { setupNovita } from '../support/fake-novita.js';

describe('provider novita end to end (fake novita server)', () => {
  it('runs the issue’s example verbatim: key and base URL from NOVITA_API_KEY / NOVITA_BASE_URL', async () => {
    const { server } = await setupNovita({ resultTtl: '1800' });
    vi.stubEnv('NOVITA_API_KEY', server.apiKey);
    vi.stubEnv('NOVITA_BASE_URL', server.url);
    vi.stubEnv('EVOLINK_API_KEY', 'sk-evolink-must-not-be-used');
    try {
      const client = new WanClient({ provider: 'novita' }); // key from NOVITA_API_KEY, base URL https://api.novita.ai
      const statuses: string[] = [];
      const before = Date.now();
      const video = await client
        .imageToVideo({ prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg', duration: 5 })
        .waitForResult({ pollInterval: 5, onProgress: (task) => statuses.push(`${task.status} ${task.progress}`) });
      await client.close();
      expect(video).toMatchObject({ status: 'completed', url: expect.stringMatching(/^https:\/\/.*\.mp4$/), results: [video.url] });
      expect(video.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 1_800_000);
      expect(video.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_800_000);
      expect(statuses).toEqual(['pending undefined', 'processing 33', 'processing 67', 'completed 100']);
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /v3/async/wan2.7-i2v',
        'GET /v3/async/task-result',
        'GET /v3/async/task-result',
        'GET /v3/async/task-result',
      ]);
      expect(server.requests.every((r) => r.authorized)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sends the Bearer key and no Idempotency-Key, and reads the task by ?task_id=', async () => {
    const { server, client } = await setupNovita();
    const task = await client.textToVideo({ prompt: 'A kitten' });
    await client.tasks.get(task.id);
    const [post, get] = server.requests;
    expect(post!.headers).not.toHaveProperty('idempotency-key');
    expect(post!.headers).toMatchObject({ authorization: '[REDACTED]', 'content-type': 'application/json' });
    expect(get).toMatchObject({ method: 'GET', path: '/v3/async/task-result', body: undefined });
    expect(server.tasks.has(task.id)).toBe(true);
  });

  it('a failed task rejects with TaskFailedError carrying novita’s reason', async () => {
    const { client } = await setupNovita({
      plan: () => ({ outcome: { status: 'failed', code: 'x', message: 'prompt was moderated' }, polls: 1 }),
    });
    const error = await client
      .textToVideo({ prompt: 'A kitten' })
      .waitForResult({ pollInterval: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ status: 'failed', serverMessage: 'prompt was moderated', retryable: false });
  });

  it('an undocumented status keeps the wait going until its deadline', async () => {
    const { client } = await setupNovita({ plan: () => ({ outcome: { status: 'cancelled' }, polls: 1 }) });
    const error = await client
      .textToVideo({ prompt: 'A kitten' })
      .waitForResult({ pollInterval: 5, timeout: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TaskTimeoutError', task: { status: 'TASK_STATUS_CANCELED' } });
  });

  it('resumes a task by id from another client', async () => {
    const { server, client } = await setupNovita();
    const { id } = await client.editVideo({ prompt: 'Make it claymation', video_urls: ['https://example.com/clip.mp4'] });
    const other = new WanClient({ provider: 'novita', apiKey: server.apiKey, baseURL: server.url });
    await expect(other.tasks.wait(id, { pollInterval: 5 })).resolves.toMatchObject({ id, status: 'completed' });
    await other.close();
  });

  it("reports eta from the plan's duration, as the EvoLink fake reports estimated_time", async () => {
    const { client } = await setupNovita({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 60_000 }) });
    const { id } = await client.textToVideo({ prompt: 'P' });
    const task = await client.tasks.get(id);
    expect(task.task_info?.remaining_time).toBeGreaterThanOrEqual(59);
  });

  it('maps novita error bodies: 400 INVALID_REQUEST_BODY, 403 INVALID_API_KEY, 404 TASK_NOT_FOUND', async () => {
    const { server, client } = await setupNovita();
    // A field novita does not know, sent through the escape hatch: the fake refuses it as novita would.
    const bad = await client.textToVideo({ prompt: 'P' }, { extraBody: { resolution: '720P' } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(bad).toMatchObject({ status: 400, code: 'INVALID_REQUEST_BODY', body: { reason: 'INVALID_REQUEST_BODY' } });
    const stranger = new WanClient({ provider: 'novita', apiKey: 'sk-wrong', baseURL: server.url });
    const denied = await stranger.textToVideo({ prompt: 'P' }).catch((e: unknown) => e);
    await stranger.close();
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect(denied).toMatchObject({ status: 403, code: 'INVALID_API_KEY' });
    expect((denied as Error).message).not.toContain('sk-wrong');
    await expect(client.tasks.get('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      constructor: NotFoundError,
      code: 'TASK_NOT_FOUND',
    });
    expect(server.postCount).toBe(2);
  });

  it('retries a create answered 429 (nothing was created) and makes one task', async () => {
    const { server, client } = await setupNovita();
    server.inject(faults.status(429, { method: 'POST', retryAfter: 0, body: novitaErrorBody(429, 'RATE_LIMIT_EXCEEDED') }));
    const task = await client.textToVideo({ prompt: 'P' });
    expect(server.postCount).toBe(2);
    expect(server.tasks.size).toBe(1);
    expect(server.requests[0]!.body).toEqual(server.requests[1]!.body);
    server.inject(faults.status(429, { method: 'POST', retryAfter: 0, times: 3, body: novitaErrorBody(429, 'RATE_LIMIT_EXCEEDED') }));
    await expect(client.textToVideo({ prompt: 'P' })).rejects.toMatchObject({ constructor: RateLimitError, code: 'RATE_LIMIT_EXCEEDED' });
    expect(task.status).toBe('pending');
  });

  it('never resends a create answered 5xx: the task may exist', async () => {
    const { server, client } = await setupNovita();
    // The gateway accepted the work, then a proxy answered 502.
    server.inject(faults.status(502, { method: 'POST', when: 'after', body: novitaErrorBody(502, 'BAD_GATEWAY') }));
    const error = await client.textToVideo({ prompt: 'P' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/Not retried: the request may have created a task .* second, billed task/);
    expect(server.postCount).toBe(1);
    expect(server.tasks.size).toBe(1);
  });

  it('never resends a create whose outcome is unknown (reset or timeout after sending)', async () => {
    const { server, client } = await setupNovita({}, { maxRetries: 5 });
    server.inject(faults.reset({ method: 'POST', when: 'after' }));
    const reset = await client.textToVideo({ prompt: 'P' }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(APIConnectionError);
    expect(reset).toMatchObject({ mayHaveReachedServer: true, idempotencyKey: undefined });
    expect((reset as Error).message).toMatch(/second, billed task/);
    server.inject(faults.hang({ method: 'POST' }));
    // Long enough for the create to reach the server on a loaded machine: the point is that it is not sent again.
    const timedOut = await client.textToVideo({ prompt: 'P' }, { timeout: 1000 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(APITimeoutError);
    expect(server.postCount).toBe(2);
    expect(server.tasks.size).toBe(1);
  });

  it('retries polls on 5xx and resets inside a wait (reads are idempotent)', async () => {
    const { server, client } = await setupNovita({}, { retryBackoff: { initialDelay: 1, maxDelay: 2 } });
    server.inject(faults.status(503, { method: 'GET', body: novitaErrorBody(503, 'GET_RESULT_FAILED') }), faults.reset({ method: 'GET' }));
    await expect(client.textToVideo({ prompt: 'P' }).waitForResult({ pollInterval: 5 })).resolves.toMatchObject({ status: 'completed' });
    expect(server.postCount).toBe(1);
  });

  it('refuses an idempotencyKey before sending: novita would ignore it', async () => {
    const { server, client } = await setupNovita();
    await expect(client.textToVideo({ prompt: 'P' }, { idempotencyKey: 'job-0000000000000001' })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('the provider option', () => {
  it('defaults to EvoLink and refuses an unknown provider by name', () => {
    expect(new WanClient({ apiKey: 'sk-test' }).baseURL).toBe('https://api.evolink.ai');
    expect(new WanClient({ provider: 'evolink', apiKey: 'sk-test' }).baseURL).toBe('https://api.evolink.ai');
    expect(() => new WanClient({ provider: 'novta' as never, apiKey: 'sk-test' })).toThrow(
      expect.objectContaining({
        constructor: InvalidOptionError,
        option: 'provider',
        message: 'provider "novta" is not supported; use "novita".',
      }),
    );
    expect(() => new WanClient({ provider: 'dashscope' as never, apiKey: 'sk-test' })).toThrow(/use one of: "evolink", "novita"/);
    expect(() => new WanClient({ provider: 7 as never, apiKey: 'sk-test' })).toThrow(InvalidOptionError);
  });

  it('novita reads NOVITA_API_KEY / NOVITA_BASE_URL, defaults to https://api.novita.ai, and names them when the key is missing', () => {
    vi.stubEnv('NOVITA_API_KEY', '');
    vi.stubEnv('NOVITA_BASE_URL', '');
    vi.stubEnv('EVOLINK_API_KEY', 'sk-evolink');
    try {
      expect(() => new WanClient({ provider: 'novita' })).toThrow(
        /No API key: set the NOVITA_API_KEY environment variable .* https:\/\/novita\.ai/,
      );
      vi.stubEnv('NOVITA_API_KEY', 'sk-novita');
      expect(new WanClient({ provider: 'novita' }).baseURL).toBe('https://api.novita.ai');
      vi.stubEnv('NOVITA_BASE_URL', 'https://novita.example.com/');
      expect(new WanClient({ provider: 'novita' }).baseURL).toBe('https://novita.example.com');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
