import { describe, expect, it, vi } from 'vitest';
import {
  APIUserAbortError,
  AuthenticationError,
  EvoLinkError,
  NotFoundError,
  TaskFailedError,
  TaskTimeoutError,
  ValidationError,
  WanClient,
} from '../src/index.js';
import { faults } from '../src/testing/index.js';
import { setup } from './support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('WanClient end to end (fake EvoLink server)', () => {
  it('runs the quickstart verbatim', async () => {
    const { server } = await setup();
    vi.stubEnv('EVOLINK_API_KEY', server.apiKey);
    vi.stubEnv('EVOLINK_BASE_URL', server.url);
    try {
      const client = new WanClient(); // EVOLINK_API_KEY from the environment
      const statuses: string[] = [];
      const video = await client
        .imageToVideo({
          model: 'wan2.7-image-to-video',
          generation_mode: 'first_frame',
          prompt: 'A cat playing piano',
          image_start: 'https://example.com/cat.jpg',
        })
        .waitForResult({ pollInterval: 20, onProgress: (task) => statuses.push(`${task.status} ${task.progress}`) });
      expect(video.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/videos\/.*\.mp4$/); // the fake's content origin
      expect(video.expiresAt).toBeInstanceOf(Date);
      expect(statuses).toEqual(['pending 0', 'processing 33', 'processing 67', 'completed 100']);
      await client.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sends exactly one POST per handle, however it is used', async () => {
    const { server, client } = await setup();
    const handle = client.imageToVideo(I2V);
    const [a, b] = await Promise.all([handle, handle.then((t) => t.id)]);
    const video = await handle.waitForResult({ pollInterval: 5 });
    await handle.waitForResult({ pollInterval: 5 });
    expect(a.id).toBe(b);
    expect(video.id).toBe(a.id);
    expect(server.postCount).toBe(1);
    expect(server.tasks.size).toBe(1);
  });

  it('submits on call, even if the handle is never awaited, and never crashes on an unawaited failure', async () => {
    const { server, client } = await setup();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    client.imageToVideo(I2V);
    client.imageToVideo({ image_end: 'https://example.com/only-end.jpg' }); // invalid, never awaited
    server.inject(faults.status(400, { method: 'POST' }));
    client.imageToVideo(I2V); // fails on the server, never awaited
    await new Promise((r) => setTimeout(r, 100));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    expect(server.postCount).toBe(2);
  });

  it('defaults the model and sends the inferred generation_mode', async () => {
    const { server, client } = await setup();
    await client.imageToVideo(I2V);
    expect(server.requests[0]?.body).toEqual({ model: 'wan2.7-image-to-video', generation_mode: 'first_frame', ...I2V });
  });

  it('rejects invalid parameters before sending anything', async () => {
    const { server, client } = await setup();
    const error = await client
      .imageToVideo({ generation_mode: 'first_frame', image_start: I2V.image_start, image_end: I2V.image_start })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: ['image_end'] });
    expect(server.requests).toHaveLength(0);
  });

  it('resumes a task by id from another client (another process)', async () => {
    const { server, client } = await setup();
    const { id } = await client.imageToVideo(I2V);
    const other = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    try {
      expect((await other.tasks.get(id)).id).toBe(id);
      await expect(other.tasks.wait(id, { pollInterval: 5 })).resolves.toMatchObject({ id, status: 'completed' });
    } finally {
      await other.close();
    }
  });

  it('TaskTimeoutError leaves the task resumable with tasks.wait', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 8 }) });
    const handle = client.imageToVideo(I2V);
    const error = await handle.waitForResult({ pollInterval: 30, timeout: 120 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    const resumed = await client.tasks.wait((error as TaskTimeoutError).taskId, { pollInterval: 5 });
    expect(resumed.status).toBe('completed');
  });

  it('a failed task rejects with TaskFailedError', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'failed', code: 'generation_timeout' } }) });
    const error = await client
      .imageToVideo(I2V)
      .waitForResult({ pollInterval: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ code: 'generation_timeout', retryable: true });
  });

  it('retries a POST after 503 with the same Idempotency-Key and creates one task', async () => {
    const { server, client } = await setup();
    server.inject(faults.status(503, { method: 'POST', when: 'after', retryAfter: 0 }));
    const task = await client.imageToVideo(I2V);
    const keys = server.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(server.tasks.size).toBe(1);
    expect([...server.tasks.keys()]).toEqual([task.id]);
  });

  it('uses the caller’s idempotencyKey and refuses a malformed one', async () => {
    const { server, client } = await setup();
    await client.imageToVideo(I2V, { idempotencyKey: 'order-1234-video-0001' });
    expect(server.requests[0]?.headers['idempotency-key']).toBe('order-1234-video-0001');
    await expect(client.imageToVideo(I2V, { idempotencyKey: 'short' })).rejects.toBeInstanceOf(ValidationError);
    await expect(client.imageToVideo(I2V, { idempotencyKey: 'has spaces in it, sadly' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('sends extraBody fields (escape hatch) and they reach the server', async () => {
    const { server, client } = await setup();
    await client.imageToVideo(I2V, { extraBody: { seed: 7 } });
    expect(server.requests[0]?.body).toMatchObject({ seed: 7 });
  });

  it('rejects task ids that would change the URL path, sending nothing', async () => {
    const { server, client } = await setup();
    for (const id of ['../v1/videos/generations', 'a/b', 'a?x=1', 'a#b', 'a b', '', ' task', 'task%2F..', 'x'.repeat(129)]) {
      await expect(client.tasks.get(id)).rejects.toBeInstanceOf(ValidationError);
      await expect(client.tasks.wait(id)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('maps a wrong key to AuthenticationError and an unknown task to NotFoundError', async () => {
    const { server } = await setup();
    const wrong = new WanClient({ apiKey: 'sk-wrong-key-123456', baseURL: server.url });
    await expect(wrong.tasks.get('task-unified-1-x')).rejects.toBeInstanceOf(AuthenticationError);
    await wrong.close();
    const right = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    await expect(right.tasks.get('task-unified-1-nope')).rejects.toBeInstanceOf(NotFoundError);
    await right.close();
  });

  it('waitForResult’s signal aborts while the submission is still pending', async () => {
    const { server, client } = await setup();
    server.inject(faults.hang({ method: 'POST' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.imageToVideo(I2V, { timeout: 2000 }).waitForResult({ signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
  });

  it('defaultHeaders are sent; Authorization among them is refused at construction', async () => {
    const { server } = await setup();
    expect(() => new WanClient({ apiKey: server.apiKey, baseURL: server.url, defaultHeaders: { Authorization: 'Bearer other' } })).toThrow(
      /defaultHeaders\.Authorization cannot be set: pass the key as the apiKey option/,
    );
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, defaultHeaders: { 'X-Evo-Client': 'my-app' } });
    await client.imageToVideo(I2V);
    expect(server.requests[0]).toMatchObject({ authorized: true, headers: { 'x-evo-client': 'my-app' } });
    await client.close();
  });
});

describe('configuration', () => {
  it('sends a User-Agent with the package version', async () => {
    const { readFileSync } = await import('node:fs');
    const { VERSION } = await import('../src/index.js');
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
    const { server, client } = await setup();
    await client.tasks.get('task-unified-1-ua').catch(() => undefined);
    expect(server.requests[0]?.headers['user-agent']).toBe(`evolink-wan/${VERSION}`);
  });

  it('throws a clear EvoLinkError without a key, before any request', () => {
    vi.stubEnv('EVOLINK_API_KEY', '');
    try {
      expect(() => new WanClient()).toThrow(EvoLinkError);
      expect(() => new WanClient()).toThrow(/EVOLINK_API_KEY/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('defaults to https://api.evolink.ai and reads EVOLINK_BASE_URL', () => {
    vi.stubEnv('EVOLINK_BASE_URL', '');
    expect(new WanClient({ apiKey: 'k' }).baseURL).toBe('https://api.evolink.ai');
    vi.stubEnv('EVOLINK_BASE_URL', 'https://beta-api.evolink.ai/');
    expect(new WanClient({ apiKey: 'k' }).baseURL).toBe('https://beta-api.evolink.ai');
    vi.unstubAllEnvs();
  });

  it.each([
    ['http://api.example.com', false],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['https://api.example.com', true],
    ['ftp://api.example.com', false],
    ['https://user:pass@api.example.com', false],
    ['not a url', false],
  ])('baseURL %s accepted: %s', (baseURL, ok) => {
    const make = () => new WanClient({ apiKey: 'k', baseURL });
    if (ok) expect(make).not.toThrow();
    else expect(make).toThrow(EvoLinkError);
  });

  it('allows plain http to another host only when asked explicitly', () => {
    expect(() => new WanClient({ apiKey: 'k', baseURL: 'http://gateway.internal', allowInsecureHttp: true })).not.toThrow();
  });

  it('rejects nonsense numbers', () => {
    expect(() => new WanClient({ apiKey: 'k', timeout: -1 })).toThrow(/timeout/);
    expect(() => new WanClient({ apiKey: 'k', maxRetries: Number.NaN })).toThrow(/maxRetries/);
  });
});
