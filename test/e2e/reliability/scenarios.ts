import type { IncomingMessage, ServerResponse } from 'node:http';
import { faults, type Fault, type FakeEvoLinkServer } from '../../../src/testing/index.js';
import { dnsFailingDispatcher } from '../../support/dns-failure.js';
import { DOCUMENTED_TASK_ERROR_CODES } from '../../support/task-error-codes.js';

/** What a scenario is expected to end with. */
export interface Expectation {
  /** `completed` or the error class name. */
  outcome: string;
  /** POST requests the server received (omitted when there is no server). */
  posts?: number;
  /** Tasks created on the server. */
  tasks?: number;
}

/** One row of the fault matrix. */
export interface Scenario {
  group: string;
  name: string;
  on: 'POST' | 'GET' | '—';
  setup?: (server: FakeEvoLinkServer) => void;
  /** Points the client somewhere else (refused connections, DNS failures). */
  baseURL?: string;
  /** A transport to use instead of the SDK's own (DNS failures). */
  dispatcher?: () => unknown;
  /** Resumes a waiting task by id instead of submitting (for GET scenarios without a server). */
  resume?: boolean;
  /** Resubmit once with the error's idempotency key (the documented recovery). */
  resubmit?: boolean;
  waitTimeout?: number;
  expect: Expectation;
}

const HTML = (status: number) => `<html><head><title>${status}</title></head><body><h1>${status} Gateway error</h1></body></html>`;

/** Answers a GET with a task snapshot built from the requested id. */
function snapshot(make: (id: string) => Record<string, unknown>, times = 1): Fault {
  return {
    method: 'GET',
    times,
    kind: 'custom',
    respond: (req: IncomingMessage, res: ServerResponse) => {
      const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(make(id)));
    },
  };
}

const jsonError = (
  status: number,
  method: 'GET' | 'POST',
  when: 'before' | 'after' = 'before',
  headers: Record<string, string> = {},
): Fault => faults.status(status, { method, when, headers });
const htmlError = (status: number, method: 'GET' | 'POST'): Fault => ({
  method,
  kind: 'status',
  status,
  headers: { 'content-type': 'text/html' },
  body: HTML(status),
});

const FATAL: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  402: 'InsufficientQuotaError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  408: 'APIError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
};

export const SCENARIOS: Scenario[] = [];

// HTTP statuses, JSON body and HTML gateway page, on the create (POST) and on a poll (GET).
for (const status of [400, 401, 402, 403, 404, 408, 409, 422, 500, 502, 503, 504]) {
  for (const body of ['JSON', 'HTML'] as const) {
    const make = (method: 'GET' | 'POST') =>
      body === 'JSON' ? jsonError(status, method, method === 'POST' && status >= 500 ? 'after' : 'before') : htmlError(status, method);
    const postRetried = status >= 500;
    SCENARIOS.push({
      group: 'HTTP status',
      name: `${status} with ${body} body${body === 'JSON' && status >= 500 ? ' (after the task was created)' : ''}`,
      on: 'POST',
      setup: (s) => s.inject(make('POST')),
      expect: postRetried ? { outcome: 'completed', posts: 2, tasks: 1 } : { outcome: FATAL[status]!, posts: 1, tasks: 0 },
    });
    const getRetried = status >= 500 || status === 408 || status === 409;
    SCENARIOS.push({
      group: 'HTTP status',
      name: `${status} with ${body} body`,
      on: 'GET',
      setup: (s) => s.inject(make('GET')),
      expect: getRetried ? { outcome: 'completed', posts: 1, tasks: 1 } : { outcome: FATAL[status]!, posts: 1, tasks: 1 },
    });
  }
}

// 429 with each form of Retry-After.
const RETRY_AFTER: [string, () => Record<string, string>][] = [
  ['Retry-After in seconds', () => ({ 'retry-after': '0' })],
  ['Retry-After as an HTTP date', () => ({ 'retry-after': new Date(Date.now() + 1000).toUTCString() })],
  ['retry-after-ms', () => ({ 'retry-after-ms': '50' })],
  ['no Retry-After (backoff)', () => ({})],
];
for (const [label, headers] of RETRY_AFTER) {
  for (const on of ['POST', 'GET'] as const) {
    for (const body of ['JSON', 'HTML'] as const) {
      SCENARIOS.push({
        group: 'Rate limits',
        name: `429, ${label}, ${body} body`,
        on,
        setup: (s) =>
          s.inject(
            body === 'JSON'
              ? jsonError(429, on, 'before', headers())
              : { method: on, kind: 'status', status: 429, headers: { 'content-type': 'text/html', ...headers() }, body: HTML(429) },
          ),
        expect: { outcome: 'completed', posts: on === 'POST' ? 2 : 1, tasks: 1 },
      });
    }
  }
}
SCENARIOS.push(
  {
    group: 'Rate limits',
    name: '429, Retry-After 3600 s (above the 60 s cap)',
    on: 'POST',
    setup: (s) => s.inject(faults.status(429, { method: 'POST', retryAfter: 3600 })),
    expect: { outcome: 'RateLimitError', posts: 1, tasks: 0 },
  },
  {
    group: 'Rate limits',
    name: '429, Retry-After 3600 s (above the 60 s cap)',
    on: 'GET',
    setup: (s) => s.inject(faults.status(429, { method: 'GET', retryAfter: 3600, times: 5 })),
    expect: { outcome: 'RateLimitError', posts: 1, tasks: 1 },
  },
  {
    group: 'Rate limits',
    name: '429, Retry-After 30 s, beyond the wait’s 1 s deadline',
    on: 'GET',
    waitTimeout: 1000,
    setup: (s) => s.inject(faults.status(429, { method: 'GET', retryAfter: 30, times: 5 })),
    expect: { outcome: 'RateLimitError', posts: 1, tasks: 1 },
  },
);

// Connections and bodies.
const CLOSED_PORT = 'http://127.0.0.1:9'; // discard port: nothing listens in the test environment
SCENARIOS.push(
  { group: 'Connection', name: 'connection refused', on: 'POST', baseURL: CLOSED_PORT, expect: { outcome: 'APIConnectionError' } },
  {
    group: 'Connection',
    name: 'connection refused (for the whole wait)',
    on: 'GET',
    baseURL: CLOSED_PORT,
    resume: true,
    waitTimeout: 600,
    expect: { outcome: 'TaskTimeoutError' },
  },
  {
    group: 'Connection',
    name: 'DNS failure (unresolvable host)',
    on: 'POST',
    baseURL: 'https://api.evolink.ai',
    dispatcher: dnsFailingDispatcher,
    expect: { outcome: 'APIConnectionError' },
  },
  {
    group: 'Connection',
    name: 'DNS failure (for the whole wait)',
    on: 'GET',
    baseURL: 'https://api.evolink.ai',
    dispatcher: dnsFailingDispatcher,
    resume: true,
    waitTimeout: 600,
    expect: { outcome: 'TaskTimeoutError' },
  },
  {
    group: 'Connection',
    name: 'reset before any response',
    on: 'POST',
    setup: (s) => s.inject(faults.reset({ method: 'POST' })),
    expect: { outcome: 'APIConnectionError', posts: 1, tasks: 0 },
  },
  {
    group: 'Connection',
    name: 'reset after the task was created',
    on: 'POST',
    setup: (s) => s.inject(faults.reset({ method: 'POST', when: 'after' })),
    expect: { outcome: 'APIConnectionError', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'reset after the task was created, then resubmitted with err.idempotencyKey',
    on: 'POST',
    resubmit: true,
    setup: (s) => s.inject(faults.reset({ method: 'POST', when: 'after' })),
    expect: { outcome: 'completed', posts: 2, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'reset before any response',
    on: 'GET',
    setup: (s) => s.inject(faults.reset({ method: 'GET' })),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'reset in the middle of the body',
    on: 'POST',
    setup: (s) => s.inject(faults.resetMidBody({ method: 'POST', when: 'after' })),
    expect: { outcome: 'APIConnectionError', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'reset in the middle of the body',
    on: 'GET',
    setup: (s) => s.inject(faults.resetMidBody({ method: 'GET' })),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'headers never come',
    on: 'POST',
    setup: (s) => s.inject(faults.hang({ method: 'POST', when: 'after' })),
    expect: { outcome: 'APITimeoutError', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'headers never come',
    on: 'GET',
    setup: (s) => s.inject(faults.hang({ method: 'GET' })),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'body stalls after the first bytes',
    on: 'POST',
    setup: (s) => s.inject(faults.stallBody({ method: 'POST', when: 'after' })),
    expect: { outcome: 'APITimeoutError', posts: 1, tasks: 1 },
  },
  {
    group: 'Connection',
    name: 'body stalls after the first bytes',
    on: 'GET',
    setup: (s) => s.inject(faults.stallBody({ method: 'GET' })),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
);
const BODIES: [string, (method: 'GET' | 'POST') => Fault][] = [
  [
    'truncated JSON',
    (method) => faults.raw('{"id":"task-unified-1","stat', 'application/json', { method, when: method === 'POST' ? 'after' : 'before' }),
  ],
  [
    '200 with a non-JSON content type',
    (method) => faults.raw('<html>OK</html>', 'text/html', { method, when: method === 'POST' ? 'after' : 'before' }),
  ],
  ['empty 200 body', (method) => faults.raw('', 'application/json', { method, when: method === 'POST' ? 'after' : 'before' })],
  [
    '64 MiB body (far larger than any real one)',
    (method) => faults.huge(64 * 1024 * 1024, { method, when: method === 'POST' ? 'after' : 'before' }),
  ],
];
for (const [name, make] of BODIES) {
  SCENARIOS.push(
    {
      group: 'Response body',
      name,
      on: 'POST',
      setup: (s) => s.inject(make('POST')),
      expect: { outcome: 'InvalidResponseError', posts: 1, tasks: 1 },
    },
    { group: 'Response body', name, on: 'GET', setup: (s) => s.inject(make('GET')), expect: { outcome: 'completed', posts: 1, tasks: 1 } },
  );
}

// Task outcomes, served as GET snapshots.
const base = (id: string) => ({
  id,
  object: 'video.generation.task',
  model: 'wan2.7-image-to-video',
  created: Math.floor(Date.now() / 1000),
});
const done = (id: string) => ({ ...base(id), status: 'completed', progress: 100, results: [`https://cdn.example/${id}.mp4`] });
SCENARIOS.push(
  {
    group: 'Task outcome',
    name: 'unknown status strings ("queued", "THROTTLED") before completion',
    on: 'GET',
    setup: (s) =>
      s.inject(
        snapshot((id) => ({ ...base(id), status: 'queued' })),
        snapshot((id) => ({ ...base(id), status: 'THROTTLED' })),
        snapshot(done),
      ),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
  {
    group: 'Task outcome',
    name: 'cancelled',
    on: 'GET',
    setup: (s) => s.inject(snapshot((id) => ({ ...base(id), status: 'cancelled' }))),
    expect: { outcome: 'TaskFailedError (retryable)', posts: 1, tasks: 1 },
  },
  {
    group: 'Task outcome',
    name: 'completed without results',
    on: 'GET',
    setup: (s) => s.inject(snapshot((id) => ({ ...base(id), status: 'completed', progress: 100 }))),
    expect: { outcome: 'TaskResultError', posts: 1, tasks: 1 },
  },
  {
    group: 'Task outcome',
    name: 'completed with only id, status and results; unknown extra fields',
    on: 'GET',
    setup: (s) =>
      s.inject(
        snapshot((id) => ({
          id,
          status: 'completed',
          results: ['https://cdn.example/v.mp4'],
          surprise: { nested: [1, 2] },
          usage: { cost: { usd: 0.4 } },
        })),
      ),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
  {
    group: 'Task outcome',
    name: 'progress going backwards (60 → 40 → done)',
    on: 'GET',
    setup: (s) =>
      s.inject(
        snapshot((id) => ({ ...base(id), status: 'processing', progress: 60 })),
        snapshot((id) => ({ ...base(id), status: 'processing', progress: 40 })),
        snapshot(done),
      ),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
  {
    group: 'Task outcome',
    name: 'progress and created of the wrong type',
    on: 'GET',
    setup: (s) =>
      s.inject(
        snapshot((id) => ({ id, status: 'processing', progress: 'half', created: 'yesterday', results: 'none' })),
        snapshot(done),
      ),
    expect: { outcome: 'completed', posts: 1, tasks: 1 },
  },
);
for (const [code, retryable] of DOCUMENTED_TASK_ERROR_CODES) {
  SCENARIOS.push({
    group: 'Task outcome',
    name: `failed with ${code}`,
    on: 'GET',
    setup: (s) =>
      s.inject(
        snapshot((id) => ({ ...base(id), status: 'failed', progress: 0, error: { code, message: `${code} message`, type: 'task_error' } })),
      ),
    expect: { outcome: `TaskFailedError (${retryable ? 'retryable' : 'not retryable'})`, posts: 1, tasks: 1 },
  });
}
