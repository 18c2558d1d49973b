import { LOG_LEVELS, type LogLevel } from './log-levels.js';
import { redact } from './redact.js';

/**
 * Where log lines go: any object with `error`, `warn`, `info` and `debug` methods — `console`, winston, pino (detected
 * by its `bindings()` method and called as `logger.info(fields, message)`), or your own.
 */
export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

/** The SDK's own logger: a level filter, key redaction and a fixed message + fields shape over the user's logger. */
export interface SdkLogger extends Logger {
  /** `true` when lines of this level are written (to skip building costly fields). */
  enabled(level: Exclude<LogLevel, 'off'>): boolean;
}

const MAX_DEPTH = 6;
const MAX_STRING = 2_000;

/** An http(s) link's query: where signed result and file links carry their signature. */
const LINK_QUERY = /(\bhttps?:\/\/[^\s"'<>?#]+)\?[^\s"'<>#]*/gi;

/** `text` with the API key redacted and every link's query string replaced by `?…` (a signed link stays unusable). */
function clean(text: string, secret: string): string {
  return redact(text, secret).replace(LINK_QUERY, '$1?…');
}

/**
 * A copy of `value` safe to log: the secret replaced at any depth, link queries (signatures) dropped, `authorization`
 * values hidden, long strings cut.
 */
export function scrub(value: unknown, secret: string, depth = 0): unknown {
  if (typeof value === 'string') {
    const text = clean(value, secret);
    return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…(${text.length} chars)` : text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) return { name: value.name, message: scrub(value.message, secret, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => scrub(item, secret, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key.toLowerCase() === 'authorization' ? '[REDACTED]' : scrub(item, secret, depth + 1);
  }
  return out;
}

/**
 * Builds the SDK's logger. Every line goes through {@link scrub}, so neither the API key nor a signed link's query
 * reaches the sink, whatever a field holds (a response body echoing the header or carrying result links, an error
 * message, a URL).
 */
export function createLogger(level: LogLevel, sink: Logger, secret: string): SdkLogger {
  const threshold = LOG_LEVELS.indexOf(level);
  const pinoStyle = typeof (sink as { bindings?: unknown }).bindings === 'function';
  const write =
    (name: Exclude<LogLevel, 'off'>) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      if (LOG_LEVELS.indexOf(name) > threshold) return;
      const text = clean(message, secret);
      const safe = scrub(fields, secret) as Record<string, unknown>;
      try {
        if (pinoStyle) (sink[name] as unknown as (fields: object, message: string) => void).call(sink, safe, text);
        else sink[name].call(sink, text, safe);
      } catch {
        // A broken logger must not break a request.
      }
    };
  return {
    enabled: (name) => LOG_LEVELS.indexOf(name) <= threshold,
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
  };
}
