/** How much the SDK logs: `warn` (default) shows retries and rate-limit pauses, `info` each task created and finished, `debug` every HTTP attempt. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** The levels in order, quietest first. */
export const LOG_LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];
