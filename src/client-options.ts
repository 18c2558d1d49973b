import { EvoLinkError } from './errors/index.js';
import type { FetchLike } from './transport/http-client.js';
import type { RetryEvent } from './transport/request-with-retry.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicyOptions } from './transport/retry-policy.js';

/** Options of {@link WanClient}. Every field is optional. */
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
   * Milliseconds allowed for one HTTP attempt, from sending to the last byte of the response. Enforced with a precise
   * timer (undici's own timers are coarse and capped at 300 s by default).
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
   * `RateLimitError` with `retryAfter`.
   * @default 60000
   */
  maxRetryAfter?: number | undefined;
  /**
   * A fetch-compatible function that replaces the transport (for tests, tracing or other runtimes).
   * @default globalThis.fetch, looked up at call time
   */
  fetch?: FetchLike | undefined;
  /**
   * An undici `Dispatcher` (a `ProxyAgent`, a `MockAgent`, your own `Agent`) passed to fetch as `dispatcher`.
   * @default the SDK's own keep-alive `Agent` on Node.js
   */
  dispatcher?: unknown;
  /**
   * Maximum sockets the SDK's own pool opens to the API (ignored with your own `dispatcher` or `fetch`).
   * @default 32
   */
  maxConnections?: number | undefined;
  /** Headers added to every request. They cannot replace `Authorization`. */
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
  /** Called before each automatic retry, with the delay the SDK is about to wait. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** Options after defaults and environment variables are applied. */
export interface ResolvedClientOptions {
  apiKey: string;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  retry: RetryPolicyOptions;
  maxConnections: number;
  maxResponseBytes: number;
}

/** Default API origin. */
export const DEFAULT_BASE_URL = 'https://api.evolink.ai';

function readEnv(name: string): string | undefined {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  try {
    const value = g.process?.env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined; // Deno without --allow-env
  }
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new EvoLinkError(`${name} must be a non-negative number of milliseconds or a count; got ${String(value)}.`);
  }
  return value;
}

/** Normalises and checks the base URL: absolute http(s), no credentials, no query, https unless loopback. */
export function resolveBaseURL(raw: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EvoLinkError(`baseURL must be an absolute URL such as ${DEFAULT_BASE_URL}; got "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EvoLinkError(`baseURL must use https:// (got ${url.protocol}).`);
  }
  if (url.username || url.password) throw new EvoLinkError('baseURL must not contain credentials; pass apiKey instead.');
  if (url.search || url.hash) throw new EvoLinkError('baseURL must not contain a query string or fragment.');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new EvoLinkError(
      `baseURL ${url.origin} uses plain http://, which would send the API key unencrypted. Use https://, ` +
        'or pass allowInsecureHttp: true for a trusted network.',
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Applies defaults and environment variables; throws `EvoLinkError` for a missing key or a bad option. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const apiKey = options.apiKey ?? readEnv('EVOLINK_API_KEY');
  if (!apiKey || typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new EvoLinkError(
      'No EvoLink API key: set the EVOLINK_API_KEY environment variable or pass new WanClient({ apiKey }). ' +
        'Get a key at https://evolink.ai/dashboard/keys.',
    );
  }
  if (/[\r\n]/.test(apiKey)) throw new EvoLinkError('The API key contains a line break; check how it was loaded.');
  return {
    apiKey: apiKey.trim(),
    baseURL: resolveBaseURL(options.baseURL ?? readEnv('EVOLINK_BASE_URL') ?? DEFAULT_BASE_URL, options.allowInsecureHttp === true),
    timeout: nonNegative('timeout', options.timeout, 60_000),
    maxRetries: Math.floor(nonNegative('maxRetries', options.maxRetries, 2)),
    retry: {
      maxRetryAfter: nonNegative('maxRetryAfter', options.maxRetryAfter, DEFAULT_RETRY_POLICY.maxRetryAfter),
      initialDelay: nonNegative('retryBackoff.initialDelay', options.retryBackoff?.initialDelay, DEFAULT_RETRY_POLICY.initialDelay),
      maxDelay: nonNegative('retryBackoff.maxDelay', options.retryBackoff?.maxDelay, DEFAULT_RETRY_POLICY.maxDelay),
    },
    maxConnections: Math.max(1, Math.floor(nonNegative('maxConnections', options.maxConnections, 32))),
    maxResponseBytes: Math.max(1024, nonNegative('maxResponseBytes', options.maxResponseBytes, 1_048_576)),
  };
}
