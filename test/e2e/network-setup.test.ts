import * as undici from 'undici';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { APIConnectionError, InvalidOptionError, WanClient } from '../../src/index.js';
import { startProxy, type LoopbackProxy } from '../support/http-proxy.js';
import { API_KEY, json, startLoopback, TASK, type Loopback } from '../support/loopback.js';
import { SCENARIOS, wrongRoute, type UndiciLike } from '../support/network-scenarios.js';

// The user's network setup is honoured, on Node 20 with undici 7 here; `npm run test:network` runs the same scenarios
// on Node 22 and 24 with undici 7 and 8, in child processes.
let server: Loopback;
let proxy: LoopbackProxy;
beforeAll(async () => {
  server = await startLoopback((_req, res) => json(res, 200, { ...TASK, status: 'processing', progress: 7 }));
  proxy = await startProxy();
  return async () => {
    await server.close();
    await proxy.close();
  };
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(Object.entries(SCENARIOS))('%s', (_name, scenario) => {
  it(`${scenario.setup}: the request goes where that setup sends it`, async () => {
    const before = { serverRequests: server.requests.length, proxied: proxy.tunnels.length + proxy.forwarded.length };
    const { via, task } = await scenario.run({ undici: undici as unknown as UndiciLike, baseURL: server.url, proxyURL: proxy.url });
    expect(task).toMatchObject({ id: TASK.id, progress: 7 });
    const seen = {
      serverRequests: server.requests.length - before.serverRequests,
      proxied: proxy.tunnels.length + proxy.forwarded.length - before.proxied,
    };
    expect(wrongRoute(via, seen)).toBeUndefined();
  });
});

describe('a global MockAgent with disableNetConnect()', () => {
  it('an unmatched request is a typed error and never reaches the network', async () => {
    const mock = new undici.MockAgent();
    mock.disableNetConnect();
    const saved = undici.getGlobalDispatcher();
    undici.setGlobalDispatcher(mock);
    const before = server.requests.length;
    try {
      const client = new WanClient({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
      const error = await client.tasks.get(TASK.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toContain('UND_MOCK_ERR_MOCK_NOT_MATCHED');
      expect(server.requests.length).toBe(before);
    } finally {
      undici.setGlobalDispatcher(saved);
      await mock.close();
    }
  });
});

describe.each(['Deno', 'Bun'])('on %s', (runtime) => {
  it('a dispatcher is an InvalidOptionError at construction, saying what to use instead', () => {
    vi.stubGlobal(runtime, {});
    const make = () => new WanClient({ apiKey: API_KEY, dispatcher: new undici.Agent() });
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow(/only on Node\.js.*HTTP_PROXY/);
  });

  it("the runtime's own fetch sends every request (with its own proxy settings)", async () => {
    vi.stubGlobal(runtime, {});
    const fetch = vi.fn(async () => Response.json({ ...TASK, status: 'processing' }));
    vi.stubGlobal('fetch', fetch);
    const client = new WanClient({ apiKey: API_KEY, baseURL: server.url });
    await expect(client.tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((fetch.mock.calls[0] as unknown[])[1]).not.toHaveProperty('dispatcher');
    await client.close();
  });
});
