import { EvoLinkError } from '../errors/evolink-error.js';
import type { CallbackOptions } from './callback-delivery.js';
import type { TaskPlan } from './task-plan.js';

/** Options of {@link FakeEvoLinkServer.start}. */
export interface FakeServerOptions {
  /** The bearer key the server accepts. @default 'sk-fake-evolink-test-key' */
  apiKey?: string | undefined;
  /** Port to listen on. @default 0 (a free port) */
  port?: number | undefined;
  /** Loopback address to bind: `127.0.0.1` (default), `::1` or `localhost`. Other hosts are refused. */
  host?: '127.0.0.1' | '::1' | 'localhost' | undefined;
  /** Chooses each new task's life from its request body. @default completes after 3 polls */
  plan?: ((body: Record<string, unknown>, index: number) => TaskPlan) | undefined;
  /** Receives one line per request (the API key is never in it). */
  log?: ((line: string) => void) | undefined;
  /**
   * Body fields the fake accepts beyond the model's schema, as the real gateway accepts parameters the SDK does not
   * know yet (sent with the `extraBody` request option). They are left out when the body is validated and kept in
   * the recorded request and the task.
   *
   * @example
   * ```ts
   * const server = await FakeEvoLinkServer.start({ extraFields: ['watermark'] });
   * const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
   * await client.textToVideo({ prompt: 'a cat' }, { extraBody: { watermark: false } });
   * server.requests[0]?.body; // { model: 'wan2.7-text-to-video', prompt: 'a cat', watermark: false }
   * ```
   */
  extraFields?: readonly string[] | undefined;
  /** How long an uploaded file is served after its upload. @default 259200000 (72 hours, as documented) */
  fileLifetimeMs?: number | undefined;
  /** How long a result video is served after its task completed. @default 86400000 (24 hours, as documented) */
  resultLifetimeMs?: number | undefined;
  /** Files the account may keep (`GET /api/v1/files/quota`); an upload beyond it is refused. @default 2000 */
  fileQuota?: number | undefined;
  /**
   * Milliseconds a client has to send a request's headers; a slower one gets `408` and its connection is closed.
   * At most `requestTimeoutMs`. @default 10000
   */
  headersTimeoutMs?: number | undefined;
  /**
   * Milliseconds a client has to send a whole request, headers and body; a slower one gets `408` and its connection
   * is closed. The time the fake takes to answer (a `hang` fault, say) does not count. @default 60000
   */
  requestTimeoutMs?: number | undefined;
  /**
   * Deliver callbacks like EvoLink: when a task with a `callback_url` ends (completed, failed or cancelled), POST its
   * task-detail body to `target(callback_url)` — a loopback URL — retrying up to 3 times at 1/2/4 s on a non-2xx.
   * Tasks planned with `durationMs` call back when they end; others when a poll first sees them end, or on
   * `server.deliverCallback(id)`. Records every attempt in `server.callbackDeliveries`.
   */
  callbacks?: CallbackOptions | undefined;
}

/** {@link FakeServerOptions} checked, with their defaults. */
export interface ServerSettings {
  apiKey: string;
  port: number;
  host: NonNullable<FakeServerOptions['host']>;
  plan: (body: Record<string, unknown>, index: number) => TaskPlan;
  log: ((line: string) => void) | undefined;
  extraFields: ReadonlySet<string>;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  callbacks: CallbackOptions | undefined;
  fileLifetimeMs: number;
  resultLifetimeMs: number;
  fileQuota: number;
}

/** Largest request body the fake reads; a longer one gets `413` and its connection is closed. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Checks that a fake binds to loopback only; an `EvoLinkError` otherwise (a fake must never listen on the network). */
export function checkLoopbackBind(host: string, server: string): void {
  if (!LOOPBACK.has(host)) throw new EvoLinkError(`${server} binds to loopback only (127.0.0.1, ::1 or localhost), not ${host}.`);
}

/** Checks `options` and fills in the defaults; an `EvoLinkError` naming the option when one is wrong. */
export function resolveServerOptions(options: FakeServerOptions): ServerSettings {
  const host = options.host ?? '127.0.0.1';
  checkLoopbackBind(host, 'FakeEvoLinkServer');
  const extraFields = options.extraFields ?? [];
  if (!Array.isArray(extraFields) || !extraFields.every((field) => typeof field === 'string')) {
    throw new EvoLinkError('FakeEvoLinkServer option extraFields must be an array of field names (strings).');
  }
  const requestTimeoutMs = positiveInteger('requestTimeoutMs', options.requestTimeoutMs, 60_000);
  return {
    apiKey: options.apiKey ?? 'sk-fake-evolink-test-key',
    port: options.port ?? 0,
    host,
    plan: options.plan ?? (() => ({ outcome: { status: 'completed' } })),
    log: options.log,
    extraFields: new Set(extraFields),
    // Node refuses a header timeout longer than the request timeout.
    headersTimeoutMs: Math.min(positiveInteger('headersTimeoutMs', options.headersTimeoutMs, 10_000), requestTimeoutMs),
    requestTimeoutMs,
    callbacks: options.callbacks,
    fileLifetimeMs: positiveInteger('fileLifetimeMs', options.fileLifetimeMs, 72 * 3_600_000),
    resultLifetimeMs: positiveInteger('resultLifetimeMs', options.resultLifetimeMs, 24 * 3_600_000),
    fileQuota: positiveInteger('fileQuota', options.fileQuota, 2000),
  };
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new EvoLinkError(`FakeEvoLinkServer option ${name} must be a whole number of milliseconds above 0, not ${String(value)}.`);
  }
  return value;
}
