import { InvalidOptionError } from '../errors/index.js';
import { suggestName } from './suggest-name.js';

/** A short, safe description of a wrong value for an error message (never the value of a secret). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'function') return 'a function';
  return Array.isArray(value) ? 'an array' : `an object`;
}

/** What a number option must be. */
export interface NumberRule {
  /** Smallest allowed value. @default 0 */
  min?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** `Infinity` is allowed (e.g. "no deadline"). */
  infinite?: boolean;
  /** Unit named in the message, e.g. "milliseconds". */
  unit?: string;
}

/** Checks an optional number option; returns it (or `undefined` when not given). */
export function checkNumber(option: string, value: unknown, rule: NumberRule = {}): number | undefined {
  if (value === undefined) return undefined;
  const min = rule.min ?? 0;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    value >= min &&
    (Number.isFinite(value) || rule.infinite === true) &&
    (!rule.integer || !Number.isFinite(value) || Number.isInteger(value));
  if (!ok) {
    const kind = rule.integer ? 'a whole number' : 'a number';
    const unit = rule.unit ? ` of ${rule.unit}` : '';
    const infinity = rule.infinite ? ' (or Infinity)' : '';
    throw new InvalidOptionError(option, `${option} must be ${kind}${unit} >= ${min}${infinity}; got ${describeValue(value)}.`);
  }
  return value;
}

/** Checks an optional function option. */
export function checkFunction<F>(option: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new InvalidOptionError(option, `${option} must be a function; got ${describeValue(value)}.`);
  }
  return value;
}

/** Checks an optional boolean option. */
export function checkBoolean(option: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidOptionError(option, `${option} must be true or false; got ${describeValue(value)}.`);
  }
  return value;
}

/** Checks an optional string option. */
export function checkString(option: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new InvalidOptionError(option, `${option} must be a string; got ${describeValue(value)}.`);
  }
  return value;
}

/** Checks an optional `AbortSignal` option (from any realm: duck-typed on what the SDK uses). */
export function checkSignal(option: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const s = value as Partial<AbortSignal> | null;
  if (s === null || typeof s !== 'object' || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function') {
    throw new InvalidOptionError(
      option,
      `${option} must be an AbortSignal (e.g. new AbortController().signal); got ${describeValue(value)}.`,
    );
  }
  return value as AbortSignal;
}

/** Checks that an options argument is an object (or omitted) with only known keys. */
export function checkOptionsObject(what: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError(what, `${what} must be an object; got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = suggestName(key, known);
    throw new InvalidOptionError(
      key,
      `${key} is not an option of ${what}${suggestion ? `; did you mean ${suggestion}?` : ` (options: ${known.join(', ')})`}.`,
    );
  }
  return options as Record<string, unknown>;
}
