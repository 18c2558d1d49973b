import { spawn } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Agent } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ClientClosedError,
  InvalidResponseError,
  RateLimitError,
  TaskResultError,
  WanClient,
} from '../src/index.js';
import { FakeEvoLinkServer, faults } from '../src/testing/index.js';
import { setup } from './support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };
const outcome = <T>(p: PromiseLike<T>): Promise<T | unknown> => Promise.resolve(p).then(undefined, (e: unknown) => e);

describe('client.close() ends what is running', () => {
  it('a wait in progress ends at once with ClientClosedError naming the task; nothing was in flight', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 100 }) });
    const handle = client.imageToVideo(I2V);
    const task = await handle;
    const waiting = outcome(handle.waitForResult({ pollInterval: 60_000 }));
    await new Promise((r) => setTimeout(r, 20));
    await client.close();
    const error = await waiting;
    expect(error).toBeInstanceOf(ClientClosedError);
    expect(error).toMatchObject({ taskId: task.id, mayHaveReachedServer: false });
    expect((error as Error).message).toContain(`client.tasks.wait('${task.id}')`);
  });

  it('a create in flight ends with ClientClosedError that says a task may exist, with its idempotency key', async () => {
    const { server, client } = await setup();
    server.inject(faults.hang({ method: 'POST', when: 'after' }));
    const creating = outcome(client.imageToVideo(I2V, { idempotencyKey: 'order-1234-video-0001' }));
    while (server.postCount === 0) await new Promise((r) => setTimeout(r, 5));
    await client.close();
    const error = await creating;
    expect(error).toBeInstanceOf(ClientClosedError);
    expect(error).toMatchObject({ mayHaveReachedServer: true, idempotencyKey: 'order-1234-video-0001' });
  });

  it('later calls reject the same way without sending; close() twice is fine', async () => {
    const { server, client } = await setup();
    await client.close();
    await client.close();
    for (const call of [
      () => client.imageToVideo(I2V),
      () => client.tasks.get('task-unified-1-x'),
      () => client.tasks.wait('task-unified-1-x'),
    ]) {
      const error = await outcome(call());
      expect(error).toBeInstanceOf(ClientClosedError);
      expect(error).toMatchObject({ mayHaveReachedServer: false });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('the process can exit after close() while a 15-minute wait was running', async () => {
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1000 }) });
    try {
      const script = [
        `import { WanClient } from ${JSON.stringify(join(import.meta.dirname, '../src/index.ts'))};`,
        'const client = new WanClient();',
        "const handle = client.imageToVideo({ prompt: 'x', image_start: 'https://example.com/a.jpg' });",
        'await handle;',
        'const waiting = handle.waitForResult({ pollInterval: 1000 }).catch((e) => e.name);',
        'setTimeout(() => client.close(), 50);',
        'console.log(await waiting);',
      ].join('\n');
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(out.trim()).toBe('ClientClosedError');
      expect(code).toBe(0);
    } finally {
      await server.close();
    }
  }, 20_000);
});

describe('the SDK’s own pool: queueing for a connection is not a timeout', () => {
  it('6 concurrent creates, maxConnections 1, a server answering in 150 ms, timeout 500: all succeed', async () => {
    const { server, client } = await setup({}, { maxConnections: 1, timeout: 500 });
    server.inject({
      kind: 'custom',
      method: 'POST',
      times: 6,
      respond: (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `task-unified-1-q${Math.random().toString(36).slice(2, 8)}`, status: 'pending' }));
        }, 150);
      },
    });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.imageToVideo(I2V)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
    expect(server.peakOpenConnections).toBe(1);
  });

  it('a call aborted while queued for a connection was never sent: mayHaveReachedServer false', async () => {
    const { server, client } = await setup({}, { maxConnections: 1 });
    server.inject(faults.hang({ method: 'POST' }));
    const first = outcome(client.imageToVideo(I2V, { timeout: 5_000 }));
    while (server.postCount === 0) await new Promise((r) => setTimeout(r, 5));
    const controller = new AbortController();
    const queued = outcome(client.imageToVideo(I2V, { signal: controller.signal }));
    controller.abort();
    const error = await queued;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ mayHaveReachedServer: false });
    expect(server.postCount).toBe(1);
    await client.close();
    expect(await first).toBeInstanceOf(ClientClosedError);
  });
});

describe('waitForResult({ timeout }) bounds the whole operation, create included', () => {
  it('a create held by a 429 with Retry-After 3 under timeout 1000 settles at once, saying why', async () => {
    const { server, client } = await setup();
    server.inject(faults.status(429, { method: 'POST', retryAfter: 3 }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      // No timer is advanced: the operation must settle without sleeping out the 3 s.
      const error = await outcome(client.imageToVideo(I2V).waitForResult({ timeout: 1000 }));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as Error).message).toMatch(/Not retried: waiting 3 s before the next attempt would pass this call's deadline/);
      expect(server.postCount).toBe(1);
      expect(server.tasks.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a create still in flight at the deadline is aborted: APITimeoutError with the key, saying a task may exist', async () => {
    const { server, client } = await setup();
    server.inject(faults.hang({ method: 'POST', when: 'after' }));
    const handle = client.imageToVideo(I2V, { idempotencyKey: 'order-1234-video-0002' });
    const error = await outcome(handle.waitForResult({ timeout: 200 }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toMatchObject({ timeout: 200, mayHaveReachedServer: true, idempotencyKey: 'order-1234-video-0002' });
    expect((error as Error).message).toMatch(/passed before the task was created/);
    expect(await outcome(handle)).toBe(error);
  });

  it('waitForResult’s signal aborts a pending create too', async () => {
    const { server, client } = await setup();
    server.inject(faults.hang({ method: 'POST' }));
    const controller = new AbortController();
    const waiting = outcome(client.imageToVideo(I2V, { timeout: 5000 }).waitForResult({ signal: controller.signal }));
    while (server.postCount === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).idempotencyKey).toMatch(/^evolink-wan-/);
  });
});

describe('one AbortSignal shared by many concurrent calls', () => {
  it.each([10, 500, 5000])('%i calls: no MaxListenersExceededWarning, no listener left behind', async (count) => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w);
    };
    process.on('warning', onWarning);
    const shutdown = new AbortController();
    // A fetch answering at once keeps 5,000 calls cheap; the SDK's signal handling is what is under test.
    const fetch = async (url: string) =>
      new Response(JSON.stringify({ id: url.split('/').pop(), status: 'completed', results: ['https://cdn.example/v.mp4'] }), {
        headers: { 'content-type': 'application/json' },
      });
    const client = new WanClient({ apiKey: 'sk-test-key-000000', fetch });
    try {
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          Promise.all([
            client.tasks.get(`task-unified-1-${i}`, { signal: shutdown.signal }),
            client.tasks.wait(`task-unified-1-${i}`, { signal: shutdown.signal }),
          ]),
        ),
      );
      await new Promise((r) => setImmediate(r));
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await client.close();
    }
  });

  it('while they run the shared signal carries one listener, and aborting it ends them all', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1000 }) });
    const shutdown = new AbortController();
    const ids = await Promise.all(Array.from({ length: 50 }, () => client.imageToVideo(I2V).then((t) => t.id)));
    const waits = ids.map((id) => outcome(client.tasks.wait(id, { signal: shutdown.signal, pollInterval: 60_000 })));
    while (server.getCount < 50) await new Promise((r) => setTimeout(r, 5));
    expect(getEventListeners(shutdown.signal, 'abort').length).toBeLessThanOrEqual(1);
    shutdown.abort();
    for (const error of await Promise.all(waits)) expect(error).toBeInstanceOf(APIUserAbortError);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});

describe('responses are checked against the request', () => {
  it('a task read that answers about another task is an InvalidResponseError', async () => {
    const { server, client } = await setup();
    const { id } = await client.imageToVideo(I2V);
    server.inject(
      faults.raw(
        JSON.stringify({ id: 'task-unified-1-someone-else', status: 'completed', results: ['https://cdn.example/x.mp4'] }),
        'application/json',
        { method: 'GET' },
      ),
    );
    const error = await outcome(client.tasks.get(id));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ reason: 'mismatched_task', taskId: id });
  });

  it.each([[''], ['javascript:alert(1)'], ['/relative.mp4'], ['ftp://cdn.example/v.mp4']])(
    'a completed task with result %j is a TaskResultError',
    async (link) => {
      const { client } = await setup({ plan: () => ({ outcome: { status: 'completed', results: [link] }, polls: 1 }) });
      const error = await outcome(client.imageToVideo(I2V).waitForResult({ pollInterval: 1 }));
      expect(error).toBeInstanceOf(TaskResultError);
    },
  );
});

describe('a failure before any socket existed is mayHaveReachedServer: false, whatever the transport', () => {
  async function closedPort(): Promise<string> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    return `http://127.0.0.1:${port}`;
  }

  it.each([
    ['a refused connection through the SDK’s own pool', closedPort, () => ({})],
    [
      'a refused connection through a user fetch',
      closedPort,
      () => ({ fetch: (url: string, init?: RequestInit) => globalThis.fetch(url, init) }),
    ],
    ['a refused connection through a user undici Agent', closedPort, () => ({ dispatcher: new Agent() })],
    ['port 0 (invalid)', async () => 'http://127.0.0.1:0', () => ({})],
  ])('%s', async (_what, baseURL, extra) => {
    const client = new WanClient({ apiKey: 'sk-test-key-000000', baseURL: await baseURL(), maxRetries: 0, ...extra() });
    try {
      const error = await outcome(client.imageToVideo(I2V));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error).toMatchObject({ mayHaveReachedServer: false });
    } finally {
      await client.close();
    }
  });
});
