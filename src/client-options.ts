import type { BudgetOptions } from './cost/budget.js';
import { checkBudget, checkPrices } from './cost/options.js';
import type { PriceTable } from './cost/prices.js';
import { InvalidOptionError } from './errors/index.js';
import { checkBoolean, checkFunction, checkNumber, checkOptionsObject, checkString, describeValue } from './internal/check-option.js';
import { isLoopbackHost } from './internal/loopback.js';
import { LOG_LEVELS, type LogLevel } from './internal/log-levels.js';
import type { Logger } from './internal/logger.js';
import type { TracerLike } from './internal/spans.js';
import { type ProviderInfo, type ProviderName, providerNamed } from './providers/info.js';
import { type HeaderRecord, checkApiKey, checkHeaders } from './request/headers.js';
import type { FetchLike } from './transport/http-client.js';
import { isBrowser } from './internal/browser.js';
import { runtimeAcceptsDispatcher } from './transport/runtime.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicyOptions } from './transport/retry-policy.js';
import type { RetryEvent } from './transport/send-with-retry.js';

/** Options of {@link WanClient}. Every field is optional; a wrong type or value is an `InvalidOptionError` at construction. */
export interface ClientOptions {
  /**
   * The gateway serving the models: `evolink` (api.evolink.ai, every model) or `novita` (api.novita.ai, the wan2.7
   * models). Same methods, parameters, tasks and errors; see the README's "Providers" section for what differs.
   * @default 'evolink'
   */
  provider?: ProviderName | undefined;
  /**
   * The gateway's API key. Never logged, never part of an error or of `util.inspect(client)`.
   * @default process.env.EVOLINK_API_KEY (NOVITA_API_KEY with provider 'novita')
   */
  apiKey?: string | undefined;
  /**
   * API origin. Plain `http://` is accepted only for loopback hosts unless {@link ClientOptions.allowInsecureHttp}.
   * @default process.env.EVOLINK_BASE_URL ?? 'https://api.evolink.ai' (NOVITA_BASE_URL ?? 'https://api.novita.ai' with provider 'novita')
   */
  baseURL?: string | undefined;
  /**
   * Origin of EvoLink's files API, where local media is uploaded (with the same key). Same rules as `baseURL`.
   * @default process.env.EVOLINK_FILES_BASE_URL ?? 'https://files-api.evolink.ai'
   */
  filesBaseURL?: string | undefined;
  /**
   * Uploads of local media that one call runs at once (the others wait their turn).
   * @default 3
   */
  maxConcurrentUploads?: number | undefined;
  /**
   * Milliseconds allowed for one HTTP attempt, from sending to the last byte of the response (time waiting for a free
   * connection in the SDK's own pool is not counted). `0` disables it. Enforced with a precise timer.
   * @default 60000
   */
  timeout?: number | undefined;
  /**
   * Automatic retries per request (see the README's retry table). `0` disables them.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Longest `Retry-After` the SDK sleeps through, in milliseconds; a longer one is thrown to you as a
   * `RateLimitError` with `retryAfter` (in waits too).
   * @default 60000
   */
  maxRetryAfter?: number | undefined;
  /**
   * A fetch-compatible function that replaces the transport (for tests, tracing or other runtimes).
   * @default on Node.js, undici's `request()` through the SDK's own pool, or the global `fetch` when a tool such as
   * msw or nock has replaced it (looked up at call time); elsewhere the global `fetch`
   */
  fetch?: FetchLike | undefined;
  /**
   * An undici `Dispatcher` (a `ProxyAgent`, a `MockAgent`, your own `Agent`, from undici 6, 7 or 8), called through
   * its own `request()`. Node.js only: on Deno and Bun it is an `InvalidOptionError`.
   * @default a global dispatcher you installed with `setGlobalDispatcher` (or `NODE_USE_ENV_PROXY`), else the SDK's
   * own keep-alive pool on Node.js
   */
  dispatcher?: unknown;
  /**
   * Maximum sockets the SDK's own pool opens to the API (ignored with your own `dispatcher` or `fetch`). Requests
   * beyond it queue in the SDK before their timeout starts.
   * @default 32
   */
  maxConnections?: number | undefined;
  /** Headers added to every request. They cannot set `Authorization` (use `apiKey`) or `Idempotency-Key`. */
  defaultHeaders?: Record<string, string> | undefined;
  /**
   * Allow a plain `http://` baseURL on a non-loopback host. The key then travels unencrypted: only for a trusted
   * network.
   * @default false
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Largest response body read, in bytes; a larger one ends in `InvalidResponseError` without buffering it.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Exponential backoff between retries when the server gives no `Retry-After`: `min(initialDelay · 2ⁿ, maxDelay)`
   * minus up to 25 % jitter, in milliseconds.
   * @default { initialDelay: 500, maxDelay: 8000 }
   */
  retryBackoff?: { initialDelay?: number | undefined; maxDelay?: number | undefined } | undefined;
  /** Called before each automatic retry (of a call or of a poll inside a wait), with the delay the SDK will wait. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * What the SDK logs: `'warn'` retries and rate-limit pauses; `'info'` also each task created and finished; `'debug'`
   * also every HTTP attempt (method, URL, status, duration, attempt, request id, idempotency key, headers, a truncated
   * body). The API key is never logged.
   * @default process.env.EVOLINK_LOG ?? 'warn'
   */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go: `console`, pino, winston or any object with `error`/`warn`/`info`/`debug` methods. Each line is
   * one message plus a plain object of fields.
   * @default console
   */
  logger?: Logger | undefined;
  /**
   * USD per billed second by model id and quality, for `estimateCost` and USD budgets, e.g.
   * `{ 'wan2.6-text-to-video': { '720p': 0.1, '1080p': 0.15 } }`. Consulted before the built-in table, which holds
   * EvoLink's published prices (wan2.7 only; see docs/cost.md).
   * @default none: only the built-in prices
   */
  prices?: PriceTable | undefined;
  /**
   * Limits checked before anything is uploaded or created; a request over one fails with `BudgetExceededError`
   * and costs nothing. See docs/cost.md.
   * @example { maxUsdPerTask: 1, maxQuality: '720p', maxUsd: 50, perTag: { maxUsdPerDay: 5 } }
   * @default none
   */
  budget?: BudgetOptions | undefined;
  /**
   * Check `http(s)` media URLs before the create, as local files are: format, size, clip and sound lengths, clip
   * sizes, and that the URL answers at all (a 404, a slow host or a web page instead of media is a `ValidationError`
   * naming the field, before anything is billed). A few ranged GETs per URL (at most 8 MB, within the call's `timeout`
   * and at most 10 s), redirects followed only to http(s), the API key and the SDK's headers never sent. Off by default:
   * the server downloads the media anyway. Also a per-call option.
   * @default false
   */
  checkRemoteMedia?: boolean | undefined;
  /**
   * An OpenTelemetry `Tracer` (`trace.getTracer('my-app')` from `@opentelemetry/api`, which the SDK never imports):
   * spans `evolink.create`, `evolink.wait` with an `evolink.poll` per read, `evolink.upload`, `evolink.download` and
   * `evolink.callback`, and a W3C `traceparent` on requests to the API's own origin only. See docs/tracing.md.
   * @default none: no spans, nothing propagated
   */
  tracer?: TracerLike | undefined;
  /**
   * Lets the client run in a browser, where the API key is visible to anyone who opens the page (its sources, its
   * network requests) and can be used to spend your credits. Use it only for a key of your own on your own machine,
   * or a short-lived key your server hands out; otherwise call the API from a server, a Worker or an edge function.
   * Without it, `new WanClient()` in a browser throws `InvalidOptionError`.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options after checking, defaults and environment variables. */
export interface ResolvedClientOptions {
  provider: ProviderInfo;
  apiKey: string;
  baseURL: string;
  filesBaseURL: string;
  maxConcurrentUploads: number;
  timeout: number;
  maxRetries: number;
  retry: RetryPolicyOptions;
  maxConnections: number;
  maxResponseBytes: number;
  defaultHeaders: HeaderRecord;
  fetch: FetchLike | undefined;
  dispatcher: unknown;
  onRetry: ((event: RetryEvent) => void) | undefined;
  logLevel: LogLevel;
  logger: Logger;
  prices: PriceTable | undefined;
  budget: BudgetOptions | undefined;
  checkRemoteMedia: boolean;
  tracer: TracerLike | undefined;
}

const CLIENT_OPTIONS = [
  'provider',
  'apiKey',
  'baseURL',
  'filesBaseURL',
  'maxConcurrentUploads',
  'timeout',
  'maxRetries',
  'maxRetryAfter',
  'fetch',
  'dispatcher',
  'maxConnections',
  'defaultHeaders',
  'allowInsecureHttp',
  'maxResponseBytes',
  'retryBackoff',
  'onRetry',
  'logLevel',
  'logger',
  'prices',
  'budget',
  'checkRemoteMedia',
  'tracer',
  'dangerouslyAllowBrowser',
] as const satisfies readonly (keyof ClientOptions)[];

/** EvoLink's files API (uploads), a host of its own. */
const DEFAULT_FILES_BASE_URL = 'https://files-api.evolink.ai';
const FILES_BASE_URL_ENV = 'EVOLINK_FILES_BASE_URL';

function readEnv(name: string): string | undefined {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  try {
    const value = g.process?.env?.[name];
    return value === undefined || value === '' ? undefined : value;
  } catch {
    return undefined; // Deno without --allow-env
  }
}

/** The URL with any `user:password@` removed, for messages. */
function withoutUserinfo(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1').slice(0, 200);
}

/** Normalises and checks a base URL (`option` names it in messages): absolute http(s), no credentials, no query, https unless loopback. */
export function resolveBaseURL(raw: string, allowInsecureHttp: boolean, example: string, option = 'baseURL'): string {
  if (!URL.canParse(raw)) {
    throw new InvalidOptionError(option, `${option} must be an absolute URL such as ${example}; got "${withoutUserinfo(raw)}".`);
  }
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidOptionError(option, `${option} must use https:// (got ${url.protocol}).`);
  }
  if (url.username || url.password) throw new InvalidOptionError(option, `${option} must not contain credentials; pass apiKey instead.`);
  if (url.search || url.hash) throw new InvalidOptionError(option, `${option} must not contain a query string or fragment.`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new InvalidOptionError(
      option,
      `${option} ${url.origin} uses plain http://, which would send the API key unencrypted. Use https://, ` +
        'or pass allowInsecureHttp: true for a trusted network.',
    );
  }
  return url.href.replace(/\/+$/, '');
}

function checkLogLevel(value: unknown, source: string): LogLevel {
  if (typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new InvalidOptionError(
    'logLevel',
    `${source} must be one of ${LOG_LEVELS.map((l) => `'${l}'`).join(', ')}; got ${describeValue(value)}.`,
  );
}

function checkLogger(value: unknown): Logger {
  if (value === undefined) return console;
  const methods = ['error', 'warn', 'info', 'debug'] as const;
  if (value === null || typeof value !== 'object' || methods.some((m) => typeof (value as Record<string, unknown>)[m] !== 'function')) {
    throw new InvalidOptionError(
      'logger',
      `logger must have error, warn, info and debug methods (console, pino, winston); got ${describeValue(value)}.`,
    );
  }
  return value as Logger;
}

function checkTracer(value: unknown): TracerLike | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || typeof (value as { startActiveSpan?: unknown }).startActiveSpan !== 'function') {
    throw new InvalidOptionError(
      'tracer',
      `tracer must be an OpenTelemetry Tracer, e.g. trace.getTracer('my-app') from @opentelemetry/api; got ${describeValue(value)}.`,
    );
  }
  return value as TracerLike;
}

function checkDispatcher(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || typeof (value as { dispatch?: unknown }).dispatch !== 'function') {
    throw new InvalidOptionError(
      'dispatcher',
      `dispatcher must be an undici Dispatcher (Agent, ProxyAgent, MockAgent); got ${describeValue(value)}.`,
    );
  }
  if (!runtimeAcceptsDispatcher()) {
    throw new InvalidOptionError(
      'dispatcher',
      'An undici dispatcher applies only on Node.js. On Deno and Bun, remove it: their fetch uses HTTP_PROXY/HTTPS_PROXY, ' +
        "or pass a fetch option that sets the runtime's own proxy (Deno.createHttpClient, Bun's fetch proxy).",
    );
  }
  return value;
}

/**
 * Checks every option (throwing `InvalidOptionError` that names it), then applies defaults and environment
 * variables. Nothing about the key is ever put in a message but where it came from and what is wrong with it.
 */
export function resolveClientOptions(options: unknown): ResolvedClientOptions {
  const o = checkOptionsObject('WanClient', options, CLIENT_OPTIONS) as ClientOptions;
  if (checkBoolean('dangerouslyAllowBrowser', o.dangerouslyAllowBrowser) !== true && isBrowser()) {
    throw new InvalidOptionError(
      'dangerouslyAllowBrowser',
      'evolink-wan is running in a browser, where the API key would be visible to anyone who opens the page and could be used to spend your credits. ' +
        'Call the API from your server, a Worker or an edge function instead; if you understand the risk (your own key on your own machine, or a short-lived key), pass new WanClient({ dangerouslyAllowBrowser: true }).',
    );
  }
  const provider = providerNamed(o.provider);
  const apiKeySource = o.apiKey !== undefined ? 'the apiKey option' : provider.apiKeyEnv;
  const apiKey = checkApiKey(
    o.apiKey ?? readEnv(provider.apiKeyEnv),
    apiKeySource,
    `set the ${provider.apiKeyEnv} environment variable or pass new WanClient({ apiKey }). Get a key at ${provider.keyURL}.`,
  );
  const backoff = checkOptionsObject('retryBackoff', o.retryBackoff, ['initialDelay', 'maxDelay']);
  const initialDelay =
    checkNumber('retryBackoff.initialDelay', backoff.initialDelay, { unit: 'milliseconds' }) ?? DEFAULT_RETRY_POLICY.initialDelay;
  const maxDelay =
    checkNumber('retryBackoff.maxDelay', backoff.maxDelay, { unit: 'milliseconds' }) ??
    Math.max(initialDelay, DEFAULT_RETRY_POLICY.maxDelay);
  if (maxDelay < initialDelay) {
    throw new InvalidOptionError(
      'retryBackoff.maxDelay',
      `retryBackoff.maxDelay (${maxDelay}) must be >= retryBackoff.initialDelay (${initialDelay}).`,
    );
  }
  const defaultHeaders = checkHeaders('defaultHeaders', o.defaultHeaders);
  if (Object.hasOwn(defaultHeaders, 'idempotency-key')) {
    throw new InvalidOptionError(
      'defaultHeaders.idempotency-key',
      'defaultHeaders cannot set Idempotency-Key: one key for every request would return the same task for every create; pass idempotencyKey per call.',
    );
  }
  const baseURL = checkString('baseURL', o.baseURL) ?? readEnv(provider.baseURLEnv) ?? provider.defaultBaseURL;
  const allowInsecureHttp = checkBoolean('allowInsecureHttp', o.allowInsecureHttp) === true;
  const filesBaseURL = checkString('filesBaseURL', o.filesBaseURL) ?? readEnv(FILES_BASE_URL_ENV) ?? DEFAULT_FILES_BASE_URL;
  return {
    provider,
    apiKey,
    baseURL: resolveBaseURL(baseURL, allowInsecureHttp, provider.defaultBaseURL),
    filesBaseURL: resolveBaseURL(filesBaseURL, allowInsecureHttp, DEFAULT_FILES_BASE_URL, 'filesBaseURL'),
    maxConcurrentUploads: checkNumber('maxConcurrentUploads', o.maxConcurrentUploads, { integer: true, min: 1 }) ?? 3,
    timeout: checkNumber('timeout', o.timeout, { unit: 'milliseconds' }) ?? 60_000,
    maxRetries: checkNumber('maxRetries', o.maxRetries, { integer: true }) ?? 2,
    retry: {
      maxRetryAfter: checkNumber('maxRetryAfter', o.maxRetryAfter, { unit: 'milliseconds' }) ?? DEFAULT_RETRY_POLICY.maxRetryAfter,
      initialDelay,
      maxDelay,
    },
    maxConnections: checkNumber('maxConnections', o.maxConnections, { integer: true, min: 1 }) ?? 32,
    maxResponseBytes: checkNumber('maxResponseBytes', o.maxResponseBytes, { integer: true, min: 1024 }) ?? 1_048_576,
    defaultHeaders,
    fetch: checkFunction('fetch', o.fetch),
    dispatcher: checkDispatcher(o.dispatcher),
    onRetry: checkFunction('onRetry', o.onRetry),
    logLevel:
      o.logLevel !== undefined
        ? checkLogLevel(o.logLevel, 'logLevel')
        : readEnv('EVOLINK_LOG') !== undefined
          ? checkLogLevel(readEnv('EVOLINK_LOG')?.toLowerCase(), 'EVOLINK_LOG')
          : 'warn',
    logger: checkLogger(o.logger),
    prices: checkPrices(o.prices),
    budget: checkBudget(o.budget),
    checkRemoteMedia: checkBoolean('checkRemoteMedia', o.checkRemoteMedia) === true,
    tracer: checkTracer(o.tracer),
  };
}
