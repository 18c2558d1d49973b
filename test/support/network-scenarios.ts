import { WanClient } from '../../src/index.js';
import { API_KEY, TASK } from './loopback.js';

/** The parts of an undici copy (7 or 8, the user's own) the scenarios use. */
export interface UndiciLike {
  Agent: new (options?: object) => { close(): Promise<void> };
  ProxyAgent: new (url: string) => { close(): Promise<void> };
  EnvHttpProxyAgent: new () => { close(): Promise<void> };
  MockAgent: new () => MockAgentLike;
  setGlobalDispatcher(dispatcher: unknown): void;
}

interface MockAgentLike {
  disableNetConnect(): void;
  get(origin: string): {
    intercept(options: { path: string; method: string }): { reply(status: number, body: unknown, options?: object): unknown };
  };
  assertNoPendingInterceptors(): void;
  close(): Promise<void>;
}

/** Where a scenario's request must have gone: through the proxy to the server, straight to it, or nowhere (a mock). */
export type Via = 'proxy' | 'direct' | 'mock';

export interface ScenarioContext {
  undici: UndiciLike;
  /** The loopback API server. */
  baseURL: string;
  /** The loopback forward proxy. */
  proxyURL: string;
}

export interface Scenario {
  /** What the user set up, as they would write it. */
  setup: string;
  /** Runs one `tasks.get` the way a user with that setup would, and says where it must have gone. */
  run(ctx: ScenarioContext): Promise<{ via: Via; task: unknown }>;
}

async function getTask(options: ConstructorParameters<typeof WanClient>[0]): Promise<unknown> {
  const client = new WanClient({ apiKey: API_KEY, maxRetries: 0, ...options });
  try {
    return await client.tasks.get(TASK.id);
  } finally {
    await client.close();
  }
}

function mockAgent(undici: UndiciLike, origin: string): MockAgentLike {
  const mock = new undici.MockAgent();
  mock.disableNetConnect();
  mock
    .get(origin)
    .intercept({ path: `/v1/tasks/${TASK.id}`, method: 'GET' })
    .reply(
      200,
      { ...TASK, status: 'processing', progress: 7 },
      {
        headers: { 'content-type': 'application/json' },
      },
    );
  return mock;
}

/** One read with `dispatcher` as the client's option; the dispatcher is closed after. */
async function withDispatcherOption(
  dispatcher: { close(): Promise<void> },
  baseURL: string,
  via: Via,
): Promise<{ via: Via; task: unknown }> {
  try {
    return { via, task: await getTask({ baseURL, dispatcher }) };
  } finally {
    await dispatcher.close();
  }
}

/** With a global dispatcher installed for the duration of `body`; the previous one is put back after. */
async function withGlobal<T>(undici: UndiciLike, dispatcher: { close(): Promise<void> }, body: () => Promise<T>): Promise<T> {
  const slots = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];
  const g = globalThis as Record<symbol, unknown>;
  const saved = slots.map((slot) => g[slot]);
  undici.setGlobalDispatcher(dispatcher);
  try {
    return await body();
  } finally {
    slots.forEach((slot, i) => {
      g[slot] = saved[i];
    });
    await dispatcher.close();
  }
}

/** Every network setup the SDK must honour on Node.js, by name. */
export const SCENARIOS: Record<string, Scenario> = {
  'dispatcher: Agent': {
    setup: 'new WanClient({ dispatcher: new Agent() })',
    run: ({ undici, baseURL }) => withDispatcherOption(new undici.Agent(), baseURL, 'direct'),
  },
  'dispatcher: ProxyAgent': {
    setup: 'new WanClient({ dispatcher: new ProxyAgent(proxyUrl) })',
    run: ({ undici, baseURL, proxyURL }) => withDispatcherOption(new undici.ProxyAgent(proxyURL), baseURL, 'proxy'),
  },
  'dispatcher: MockAgent': {
    setup: 'new WanClient({ dispatcher: mockAgent }) with disableNetConnect()',
    async run({ undici, baseURL }) {
      const mock = mockAgent(undici, baseURL);
      try {
        const task = await getTask({ baseURL, dispatcher: mock });
        mock.assertNoPendingInterceptors();
        return { via: 'mock', task };
      } finally {
        await mock.close();
      }
    },
  },
  'global: ProxyAgent': {
    setup: 'setGlobalDispatcher(new ProxyAgent(proxyUrl))',
    run: ({ undici, baseURL, proxyURL }) =>
      withGlobal(undici, new undici.ProxyAgent(proxyURL), async () => ({ via: 'proxy', task: await getTask({ baseURL }) })),
  },
  'global: EnvHttpProxyAgent': {
    setup: 'HTTP_PROXY=proxyUrl and setGlobalDispatcher(new EnvHttpProxyAgent())',
    async run({ undici, baseURL, proxyURL }) {
      const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
      process.env.HTTP_PROXY = proxyURL;
      delete process.env.NO_PROXY;
      try {
        return await withGlobal(undici, new undici.EnvHttpProxyAgent(), async () => ({ via: 'proxy', task: await getTask({ baseURL }) }));
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    },
  },
  'global: MockAgent': {
    setup: 'setGlobalDispatcher(mockAgent) with disableNetConnect()',
    run: ({ undici, baseURL }) => {
      const mock = mockAgent(undici, baseURL);
      return withGlobal(undici, mock, async () => {
        const task = await getTask({ baseURL });
        mock.assertNoPendingInterceptors();
        return { via: 'mock', task };
      });
    },
  },
};

/**
 * `NODE_USE_ENV_PROXY=1` with `HTTP_PROXY`: Node itself installs an `EnvHttpProxyAgent` as the global dispatcher (Node
 * 22.21+ and 24; Node 20 has no such switch). Run in a process started with those variables.
 */
export const NODE_ENV_PROXY: Scenario = {
  setup: 'NODE_USE_ENV_PROXY=1 HTTP_PROXY=proxyUrl node …',
  async run({ baseURL }) {
    const installed = (globalThis as Record<symbol, { constructor?: { name?: string } } | undefined>)[
      Symbol.for('undici.globalDispatcher.1')
    ];
    const nodeSupportsIt = installed?.constructor?.name === 'EnvHttpProxyAgent';
    return { via: nodeSupportsIt ? 'proxy' : 'direct', task: await getTask({ baseURL }) };
  },
};

/** What the servers saw, to check a scenario's request went where it should (`undefined` when it did). */
export function wrongRoute(via: Via, seen: { serverRequests: number; proxied: number }): string | undefined {
  const expected = {
    proxy: { serverRequests: 1, proxied: 1 },
    direct: { serverRequests: 1, proxied: 0 },
    mock: { serverRequests: 0, proxied: 0 },
  }[via];
  const proxiedOk = expected.proxied === 0 ? seen.proxied === 0 : seen.proxied >= 1;
  if (seen.serverRequests === expected.serverRequests && proxiedOk) return undefined;
  return `expected ${via}: server saw ${seen.serverRequests} request(s), proxy carried ${seen.proxied}`;
}
