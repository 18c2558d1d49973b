import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Agent, MockAgent, ProxyAgent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WanClient } from '../../src/index.js';
import { userGlobalDispatcher, isNodeOwnFetch } from '../../src/transport/runtime.js';
import { API_KEY, json, startLoopback, TASK } from '../support/loopback.js';

const nodeFetch = globalThis.fetch;
/** nock patches fetch as soon as it is imported: import it only where a test uses it, and switch it off after. */
async function loadNock() {
  const { default: nock } = await import('nock');
  if (!nock.isActive()) nock.activate();
  return nock;
}
const LEGACY_SLOT = Symbol.for('undici.globalDispatcher.1');
const CURRENT_SLOT = Symbol.for('undici.globalDispatcher.2');

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("recognising Node's own fetch", () => {
  it('is true for the global fetch Node installs', () => {
    expect(isNodeOwnFetch(nodeFetch)).toBe(true);
  });

  it.each([
    ['a wrapper', () => (input: string, init?: RequestInit) => nodeFetch(input, init)],
    ['a bound copy', () => nodeFetch.bind(globalThis)],
    ['a Proxy', () => new Proxy(nodeFetch, {})],
    ['vi.fn', () => vi.fn(nodeFetch)],
    ['a function whose toString lies', () => Object.assign(() => {}, { toString: () => Function.prototype.toString.call(nodeFetch) })],
  ])('is false for %s', (_name, make) => {
    expect(isNodeOwnFetch(make())).toBe(false);
  });

  it('is false while msw or nock or a spy has replaced it, and true again once restored', async () => {
    const msw = setupServer();
    msw.listen({ onUnhandledRequest: 'bypass' });
    expect(isNodeOwnFetch(globalThis.fetch)).toBe(false);
    msw.close();
    expect(isNodeOwnFetch(globalThis.fetch)).toBe(true);

    const nock = await loadNock();
    expect(isNodeOwnFetch(globalThis.fetch)).toBe(false);
    nock.restore();
    expect(isNodeOwnFetch(globalThis.fetch)).toBe(true);

    vi.spyOn(globalThis, 'fetch');
    expect(isNodeOwnFetch(globalThis.fetch)).toBe(false);
  });
});

describe('replaced global fetch: the SDK sends through it, with default options', () => {
  it('nock intercepts a create and a read', async () => {
    const nock = await loadNock();
    const scope = nock('https://api.evolink.ai')
      .post('/v1/videos/generations')
      .reply(200, { id: 'task-unified-1757169743-nock0001', status: 'pending' })
      .get('/v1/tasks/task-unified-1757169743-nock0001')
      .reply(200, { id: 'task-unified-1757169743-nock0001', status: 'processing', progress: 50 });
    const client = new WanClient({ apiKey: API_KEY });
    try {
      const task = await client.imageToVideo({ prompt: 'A cat', image_start: 'https://example.com/cat.jpg' });
      await expect(client.tasks.get(task.id)).resolves.toMatchObject({ progress: 50 });
      expect(scope.isDone()).toBe(true);
    } finally {
      await client.close();
      nock.cleanAll();
      nock.restore();
    }
  });

  it('a spy on fetch sees every request, and a replacement installed mid-way is used from the next call', async () => {
    const s = await startLoopback((_req, res) => json(res, 200, TASK));
    const client = new WanClient({ apiKey: API_KEY, baseURL: s.url });
    try {
      await client.tasks.get(TASK.id); // Node's fetch untouched: undici's request()
      const spy = vi.spyOn(globalThis, 'fetch');
      await client.tasks.get(TASK.id);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toBe(`${s.url}/v1/tasks/${TASK.id}`);
      vi.restoreAllMocks();
      await client.tasks.get(TASK.id);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(s.requests).toHaveLength(3);
      expect(s.connections).toBe(1); // the SDK's pool went along to the spy: still one keep-alive socket
    } finally {
      await client.close();
      await s.close();
    }
  });

  it('msw started after the client was built still intercepts', async () => {
    const client = new WanClient({ apiKey: API_KEY });
    const msw = setupServer(
      http.get('https://api.evolink.ai/v1/tasks/:id', ({ params }) => HttpResponse.json({ id: params.id, status: 'processing' })),
    );
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      await expect(client.tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id, status: 'processing' });
    } finally {
      msw.close();
      await client.close();
    }
  });
});

describe('global dispatcher detection', () => {
  const saved = {
    legacy: (globalThis as Record<symbol, unknown>)[LEGACY_SLOT],
    current: (globalThis as Record<symbol, unknown>)[CURRENT_SLOT],
  };
  afterEach(() => {
    (globalThis as Record<symbol, unknown>)[LEGACY_SLOT] = saved.legacy;
    (globalThis as Record<symbol, unknown>)[CURRENT_SLOT] = saved.current;
  });

  it("ignores undici's own default Agent (the SDK's pool is used instead)", () => {
    getGlobalDispatcher(); // undici installs a plain Agent when nothing is set
    expect(userGlobalDispatcher()).toBeUndefined();
    setGlobalDispatcher(new Agent());
    expect(userGlobalDispatcher()).toBeUndefined();
  });

  it('returns a dispatcher the user installed: a ProxyAgent, a MockAgent, an Agent with options', async () => {
    for (const dispatcher of [new ProxyAgent('http://127.0.0.1:9'), new MockAgent(), new Agent({ connections: 4 })]) {
      setGlobalDispatcher(dispatcher);
      expect(userGlobalDispatcher()).toBe(dispatcher);
      await dispatcher.close();
    }
  });

  it("looks through undici 8's Dispatcher1Wrapper to the real dispatcher", () => {
    const real = new ProxyAgent('http://127.0.0.1:9');
    class Dispatcher1Wrapper {
      dispatch(): boolean {
        return true;
      }
    }
    (globalThis as Record<symbol, unknown>)[CURRENT_SLOT] = real;
    (globalThis as Record<symbol, unknown>)[LEGACY_SLOT] = new Dispatcher1Wrapper();
    expect(userGlobalDispatcher()).toBe(real);
  });
});
