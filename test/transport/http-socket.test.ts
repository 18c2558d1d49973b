import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  WanClient,
} from '../../src/index.js';
import { OwnPool } from '../../src/transport/own-pool.js';
import { dnsFailingDispatcher } from '../support/dns-failure.js';
import { API_KEY, json, startLoopback, TASK, type Loopback } from '../support/loopback.js';

const servers: Loopback[] = [];
const clients: WanClient[] = [];
async function server(handler: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
  const s = await startLoopback(handler);
  servers.push(s);
  return s;
}
function client(baseURL: string, options: ConstructorParameters<typeof WanClient>[0] = {}): WanClient {
  const c = new WanClient({ apiKey: API_KEY, baseURL, ...options });
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const PARAMS = { image_start: 'https://example.com/cat.jpg' };

// Every guarantee holds on both ways of sending: undici's request() through the SDK's pool (Node's fetch untouched),
// and a replaced global fetch (as msw, nock or a tracing wrapper install) that passes through to Node's fetch.
const nodeFetch = globalThis.fetch;
const TRANSPORTS = [
  { path: 'undici request() through the SDK pool', replaceFetch: false },
  { path: 'a replaced global fetch', replaceFetch: true },
];

describe.each(TRANSPORTS)('transport against a real loopback server: $path', ({ replaceFetch }) => {
  let fetchCalls = 0;
  beforeEach(() => {
    fetchCalls = 0;
    if (replaceFetch) {
      vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
        fetchCalls++;
        return nodeFetch(input, init);
      });
    }
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends through the path under test', async () => {
    const s = await server((_req, res) => json(res, 200, TASK));
    await client(s.url).tasks.get(TASK.id);
    expect(fetchCalls).toBe(replaceFetch ? 1 : 0);
    expect(s.requests).toHaveLength(1);
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const s = await server((_req, res) => json(res, 200, TASK));
    const c = client(s.url);
    for (let i = 0; i < 5; i++) await c.tasks.get(TASK.id);
    expect(s.requests).toHaveLength(5);
    expect(s.connections).toBe(1);
  });

  it('sends the bearer key, JSON and an Idempotency-Key on POST', async () => {
    const s = await server((_req, res) => json(res, 200, TASK));
    await client(s.url).imageToVideo(PARAMS);
    const [request] = s.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toMatch(/^[A-Za-z0-9._-]{16,96}$/);
  });

  it('honours a sub-second per-attempt timeout precisely (undici timers alone fire ~1 s late)', async () => {
    const s = await server(() => {}); // never answers
    const started = Date.now();
    const error = await client(s.url, { maxRetries: 0 })
      .tasks.get(TASK.id, { timeout: 300 })
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).timeout).toBe(300);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(900);
  });

  it('does not let undici cut a longer timeout: its own header/body timers are disabled', async () => {
    const pool = new OwnPool({ origin: 'http://127.0.0.1:9', maxConnections: 4, keepAliveTimeout: 1000 });
    const lease = await pool.acquire(undefined);
    const timer = (name: string) => {
      const key = Object.getOwnPropertySymbols(lease.client).find((s) => s.description === name);
      return (lease.client as unknown as Record<symbol, unknown>)[key!];
    };
    expect([timer('headers timeout'), timer('body timeout')]).toEqual([0, 0]);
    lease.release();
    await pool.close();
    // and a slow but in-time answer (headers after 1.2 s, more than undici's timer tick) is delivered
    const s = await server((_req, res) => setTimeout(() => json(res, 200, TASK), 1200));
    await expect(client(s.url).tasks.get(TASK.id, { timeout: 5000 })).resolves.toMatchObject({ id: TASK.id });
  });

  it('a timeout on POST is not retried and carries the idempotency key to resubmit with', async () => {
    const s = await server(() => {});
    const error = await client(s.url, { timeout: 200 })
      .imageToVideo(PARAMS, { idempotencyKey: 'job-42-attempt-0001' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toMatchObject({ idempotencyKey: 'job-42-attempt-0001', mayHaveReachedServer: true });
    expect(s.requests).toHaveLength(1);
  });

  it('a reset after sending a POST is not retried', async () => {
    const s = await server((req) => req.socket.resetAndDestroy());
    const error = await client(s.url)
      .imageToVideo(PARAMS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as APIConnectionError).mayHaveReachedServer).toBe(true);
    expect((error as APIConnectionError).idempotencyKey).toMatch(/^evolink-wan-/);
    expect(s.requests).toHaveLength(1);
  });

  it('a reset on GET is retried', async () => {
    let n = 0;
    const s = await server((req, res) => (n++ === 0 ? req.socket.resetAndDestroy() : json(res, 200, TASK)));
    await expect(client(s.url).tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id });
    expect(s.requests).toHaveLength(2);
  });

  it('a refused connection is retried even for POST (nothing was sent) and ends in APIConnectionError', async () => {
    const s = await server(() => {});
    const url = s.url;
    await s.close();
    servers.pop();
    const retries: number[] = [];
    const error = await client(url, { maxRetries: 2, onRetry: (e) => retries.push(e.retry) })
      .imageToVideo(PARAMS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).mayHaveReachedServer).toBe(false);
    expect(retries).toEqual([1, 2]);
  });

  it('an unresolvable host is a pre-send APIConnectionError, retried even for POST', async () => {
    const dispatcher = dnsFailingDispatcher();
    const retries: number[] = [];
    const c = client('https://api.evolink.ai', { dispatcher, onRetry: (e) => retries.push(e.retry) });
    const error = await c.imageToVideo(PARAMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).mayHaveReachedServer).toBe(false);
    expect((error as Error).message).toContain('ENOTFOUND');
    expect(retries).toEqual([1, 2]);
    await dispatcher.close();
  });

  it('aborting interrupts an in-flight request at once', async () => {
    const s = await server(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutdown')), 100);
    const started = Date.now();
    const error = await client(s.url)
      .tasks.get(TASK.id, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('an HTML gateway page still gives the right class', async () => {
    const s = await server((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = await client(s.url, { maxRetries: 0 })
      .tasks.get(TASK.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
  });

  it('a 429 body with Retry-After gives RateLimitError with retryAfter', async () => {
    const s = await server((_req, res) =>
      json(
        res,
        429,
        { error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded', type: 'evo_api_error' } },
        { 'retry-after': '120', 'x-request-id': 'req-9' },
      ),
    );
    const error = await client(s.url)
      .tasks.get(TASK.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 120, requestId: 'req-9', code: 'rate_limit_exceeded', taskId: TASK.id });
    expect(s.requests).toHaveLength(1); // 120 s is above the 60 s cap: thrown, not slept
  });

  it('caps the response body: a huge answer ends in InvalidResponseError without buffering it', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const error = await client(s.url, { maxRetries: 0, maxResponseBytes: 256 * 1024 })
      .tasks.get(TASK.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).reason).toBe('too_large');
  });

  it.each([
    ['truncated JSON', 'application/json', '{"id":"task-unified-1","sta', 'invalid_json'],
    ['an HTML 200', 'text/html', '<html>hi</html>', 'unexpected_content_type'],
    ['an empty 200', 'application/json', '', 'invalid_json'],
    ['JSON without id', 'application/json', '{"status":"pending"}', 'invalid_shape'],
  ])('%s is an InvalidResponseError (%s)', async (_name, type, body, reason) => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    const error = await client(s.url, { maxRetries: 0 })
      .tasks.get(TASK.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).reason).toBe(reason);
  });

  it('refuses an answer whose declared length is over the cap, and reads an error body only up to it', async () => {
    const s = await server((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 300_000 });
        res.end(Buffer.alloc(300_000, 0x20));
      } else {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`upstream failed ${'x'.repeat(300_000)}`);
      }
    });
    const c = client(s.url, { maxRetries: 0, maxResponseBytes: 256 * 1024 });
    const tooLarge = await c.tasks.get(TASK.id).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(InvalidResponseError);
    expect((tooLarge as InvalidResponseError).reason).toBe('too_large');
    const failed = await c.imageToVideo(PARAMS).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(InternalServerError);
  });

  it('follows a same-origin redirect that carries a body, on the same client', async () => {
    const s = await server((req, res) => {
      if (req.url?.startsWith('/v1/tasks/')) {
        res.writeHead(301, { location: `/moved${req.url}`, 'content-type': 'text/html' });
        res.end(`<a href="/moved${req.url}">${'moved '.repeat(2000)}</a>`);
      } else json(res, 200, TASK);
    });
    const c = client(s.url);
    await expect(c.tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id });
    await expect(c.tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id });
    expect(s.requests.map((r) => r.url)).toEqual([
      `/v1/tasks/${TASK.id}`,
      `/moved/v1/tasks/${TASK.id}`,
      `/v1/tasks/${TASK.id}`,
      `/moved/v1/tasks/${TASK.id}`,
    ]);
  });

  it('follows a same-origin redirect', async () => {
    const s = await server((req, res) => {
      if (req.url?.startsWith('/v1/tasks/')) {
        res.writeHead(307, { location: `/moved${req.url}` });
        res.end();
      } else json(res, 200, TASK);
    });
    await expect(client(s.url).tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id });
    expect(s.requests[1]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('never sends the key across origins: a cross-origin redirect is refused', async () => {
    const other = await server((_req, res) => json(res, 200, TASK));
    const s = await server((_req, res) => {
      res.writeHead(302, { location: `${other.url.replace('127.0.0.1', 'localhost')}/steal` });
      res.end();
    });
    const error = await client(s.url)
      .tasks.get(TASK.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).reason).toBe('redirect');
    expect(other.requests).toHaveLength(0);
  });
});
