import { InvalidOptionError } from './errors/index.js';
import { checkBoolean, checkFunction, checkNumber, checkOptionsObject, checkString, describeValue } from './internal/check-option.js';
import type { Provider } from './providers/provider.js';
import { type HeaderRecord, checkApiKey, checkHeaders } from './request/headers.js';
import type { FetchLike } from './transport/http-client.js';
import { runtimeAcceptsDispatcher } from './transport/runtime.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicyOptions } from './transport/retry-policy.js';
import type { RetryEvent } from './transport/send-with-retry.js';

/** Options of {@link WanClient}. Every field is optional; a wrong type or value is an `InvalidOptionError` at construction. */
export interface ClientOptions {
  /**
   * EvoLink API key. Never logged, never part of an error or of `util.inspect(client)`.
   * @default process.env.EVOLINK_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * API origin. Plain `http://` is accepted only for loopback hosts unless {@link ClientOptions.allowInsecureHttp}.
   * @default process.env.EVOLINK_BASE_URL ?? 'https://api.evolink.ai'
   */
  baseURL?: string | undefined;
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
}

/** Options after checking, defaults and environment variables. */
export interface ResolvedClientOptions {
  apiKey: string;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  retry: RetryPolicyOptions;
  maxConnections: number;
  maxResponseBytes: number;
  defaultHeaders: HeaderRecord;
  fetch: FetchLike | undefined;
  dispatcher: unknown;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

const CLIENT_OPTIONS = [
  'apiKey',
  'baseURL',
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
] as const satisfies readonly (keyof ClientOptions)[];

function readEnv(name: string): string | undefined {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  try {
    const value = g.process?.env?.[name];
    return value === undefined || value === '' ? undefined : value;
  } catch {
    return undefined; // Deno without --allow-env
  }
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The URL with any `user:password@` removed, for messages. */
function withoutUserinfo(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1').slice(0, 200);
}

/** Normalises and checks the base URL: absolute http(s), no credentials, no query, https unless loopback. */
export function resolveBaseURL(raw: string, allowInsecureHttp: boolean, example: string): string {
  if (!URL.canParse(raw)) {
    throw new InvalidOptionError('baseURL', `baseURL must be an absolute URL such as ${example}; got "${withoutUserinfo(raw)}".`);
  }
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidOptionError('baseURL', `baseURL must use https:// (got ${url.protocol}).`);
  }
  if (url.username || url.password) throw new InvalidOptionError('baseURL', 'baseURL must not contain credentials; pass apiKey instead.');
  if (url.search || url.hash) throw new InvalidOptionError('baseURL', 'baseURL must not contain a query string or fragment.');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new InvalidOptionError(
      'baseURL',
      `baseURL ${url.origin} uses plain http://, which would send the API key unencrypted. Use https://, ` +
        'or pass allowInsecureHttp: true for a trusted network.',
    );
  }
  return url.href.replace(/\/+$/, '');
}

function checkDispatcher(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || typeof (value as { dispatch?: unknown }).dispatch !== 'function') {
    throw new InvalidOptionError('dispatcher', `dispatcher must be an undici Dispatcher (Agent, ProxyAgent, MockAgent); got ${describeValue(value)}.`);
  }
  if (!runtimeAcceptsDispatcher()) {
    throw new InvalidOptionError(
      'dispatcher',
      'An undici dispatcher applies only on Node.js. On Deno and Bun, remove it: their fetch uses HTTP_PROXY/HTTPS_PROXY, ' +
        'or pass a fetch option that sets the runtime\'s own proxy (Deno.createHttpClient, Bun\'s fetch proxy).',
    );
  }
  return value;
}

/**
 * Checks every option (throwing `InvalidOptionError` that names it), then applies defaults and environment
 * variables. Nothing about the key is ever put in a message but where it came from and what is wrong with it.
 */
export function resolveClientOptions(options: unknown, provider: Provider): ResolvedClientOptions {
  const o = checkOptionsObject('WanClient', options, CLIENT_OPTIONS) as ClientOptions;
  const apiKeySource = o.apiKey !== undefined ? 'the apiKey option' : provider.apiKeyEnv;
  const apiKey = checkApiKey(
    o.apiKey ?? readEnv(provider.apiKeyEnv),
    apiKeySource,
    `set the ${provider.apiKeyEnv} environment variable or pass new WanClient({ apiKey }). Get a key at ${provider.keyURL}.`,
  );
  const backoff = checkOptionsObject('retryBackoff', o.retryBackoff, ['initialDelay', 'maxDelay']);
  const initialDelay = checkNumber('retryBackoff.initialDelay', backoff.initialDelay, { unit: 'milliseconds' }) ?? DEFAULT_RETRY_POLICY.initialDelay;
  const maxDelay = checkNumber('retryBackoff.maxDelay', backoff.maxDelay, { unit: 'milliseconds' }) ?? Math.max(initialDelay, DEFAULT_RETRY_POLICY.maxDelay);
  if (maxDelay < initialDelay) {
    throw new InvalidOptionError('retryBackoff.maxDelay', `retryBackoff.maxDelay (${maxDelay}) must be >= retryBackoff.initialDelay (${initialDelay}).`);
  }
  const defaultHeaders = checkHeaders('defaultHeaders', o.defaultHeaders);
  if (Object.hasOwn(defaultHeaders, 'idempotency-key')) {
    throw new InvalidOptionError(
      'defaultHeaders.idempotency-key',
      'defaultHeaders cannot set Idempotency-Key: one key for every request would return the same task for every create; pass idempotencyKey per call.',
    );
  }
  const baseURL = checkString('baseURL', o.baseURL) ?? readEnv(provider.baseURLEnv) ?? provider.defaultBaseURL;
  return {
    apiKey,
    baseURL: resolveBaseURL(baseURL, checkBoolean('allowInsecureHttp', o.allowInsecureHttp) === true, provider.defaultBaseURL),
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
  };
}
