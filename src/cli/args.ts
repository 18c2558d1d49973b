import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { BudgetOptions } from '../cost/budget.js';
import { suggestName } from '../internal/suggest-name.js';
import { UsageError } from './exit-codes.js';

/** The flag definitions of a command, as `node:util` `parseArgs` takes them. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags: a string, a boolean or a list of strings per flag given. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Flags every command takes. */
export const COMMON_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies FlagOptions;

/** Flags of the commands that call an API: which gateway (see `providerFrom`). */
export const CLIENT_FLAGS = {
  provider: { type: 'string' },
} as const satisfies FlagOptions;

/** Flags of the commands that wait for a task. */
export const WAIT_FLAGS = {
  timeout: { type: 'string' },
  'poll-interval': { type: 'string' },
} as const satisfies FlagOptions;

/** What a command takes besides flags. */
export interface Positionals {
  /** Names shown in messages, e.g. `['task-id']`; the count allowed. */
  names: string[];
  /** How many are required (default: all of `names`). */
  required?: number;
}

/**
 * Parses a command's arguments strictly: an unknown flag, a missing value or a stray argument is a `UsageError`
 * (exit 2) that says what to type instead. Booleans also take `--no-<flag>`.
 */
export function parseFlags(
  args: string[],
  options: FlagOptions,
  positionals: Positionals = { names: [] },
): { values: FlagValues; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals.names.length > 0, allowNegative: true });
  } catch (error) {
    throw usageFromParseError(error, options);
  }
  const values = parsed.values as FlagValues;
  if (values.help) return { values, positionals: parsed.positionals };
  const required = positionals.required ?? positionals.names.length;
  if (parsed.positionals.length < required) {
    throw new UsageError(
      `Missing ${positionals.names
        .slice(parsed.positionals.length, required)
        .map((n) => `<${n}>`)
        .join(' ')}.`,
    );
  }
  if (parsed.positionals.length > positionals.names.length) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[positionals.names.length]}"; quote values that contain spaces.`);
  }
  return { values, positionals: parsed.positionals };
}

function usageFromParseError(error: unknown, options: FlagOptions): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const name = flag.replace(/^-+/, '').replace(/^no-/, '');
    const suggestion = suggestName(name, Object.keys(options));
    return new UsageError(
      `Unknown flag ${flag}${suggestion ? `; did you mean --${suggestion}?` : '; see --help for the flags this command takes.'}`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    const name = flag.replace(/^-+/, '');
    const type = options[name]?.type;
    return new UsageError(
      type === 'boolean'
        ? `${flag} takes no value: write ${flag} or --no-${name}.`
        : `${flag} needs a value: write ${flag} <value> (use ${flag}=<value> when the value starts with "-").`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new UsageError(`${message.replace(/\.$/, '')}; this command takes flags only (quote values that contain spaces).`);
  }
  return new UsageError(message);
}

/** A flag's string value (the last one when it was given twice). */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) return value.map(String).at(-1);
  return typeof value === 'string' ? value : undefined;
}

/** A flag holding a number of seconds, in milliseconds; `undefined` when not given. */
export function secondsFlag(values: FlagValues, name: string, { allowZero = false } = {}): number | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || (seconds === 0 && !allowZero)) {
    throw new UsageError(`--${name} must be a number of seconds${allowZero ? ' (0 for no limit)' : ' above 0'}; got "${raw}".`);
  }
  return seconds * 1000;
}

/** `--timeout` and `--poll-interval` (or `EVOLINK_POLL_INTERVAL`) as wait options (only those given). */
export function waitFlags(values: FlagValues, env: NodeJS.ProcessEnv): { timeout?: number; pollInterval?: number } {
  const timeout = secondsFlag(values, 'timeout', { allowZero: true });
  const fromEnv = env.EVOLINK_POLL_INTERVAL;
  const pollInterval = secondsFlag(
    fromEnv !== undefined && values['poll-interval'] === undefined ? { 'poll-interval': fromEnv } : values,
    'poll-interval',
  );
  return { ...(timeout !== undefined ? { timeout } : {}), ...(pollInterval !== undefined ? { pollInterval } : {}) };
}

/** A flag holding a number >= 0 (USD, seconds); `undefined` when not given. */
export function amountFlag(values: FlagValues, name: string, unit: string): number | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const amount = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(amount) || amount < 0)
    throw new UsageError(`--${name} must be ${unit} (a number >= 0); got "${raw}".`);
  return amount;
}

/** `--max-usd` and `--max-seconds` as a per-task budget (`undefined` when neither is given). */
export function budgetFlags(values: FlagValues): BudgetOptions | undefined {
  const maxUsdPerTask = amountFlag(values, 'max-usd', 'USD');
  const maxSecondsPerTask = amountFlag(values, 'max-seconds', 'seconds');
  if (maxUsdPerTask === undefined && maxSecondsPerTask === undefined) return undefined;
  return { maxUsdPerTask, maxSecondsPerTask };
}
