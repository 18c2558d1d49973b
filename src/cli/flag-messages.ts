import type { ValidationError } from '../errors/index.js';
import { inCliTerms } from './cli-wording.js';
import { UsageError } from './exit-codes.js';
import { printable } from './printable.js';
import { flagName } from './schema-flags.js';

/** One problem with a command line, named by its flag. */
export interface FlagIssue {
  /** The flag at fault (`--image-end`), or `undefined` for the request as a whole. */
  flag: string | undefined;
  message: string;
}

/** A validation error re-worded for the command line: exit code 2, every problem named by its flag. */
export class FlagValidationError extends UsageError {
  static override readonly errorName: string = 'FlagValidationError';
  readonly issues: FlagIssue[];
  readonly model: string | undefined;

  constructor(issues: FlagIssue[], model: string | undefined) {
    // One line per problem, whatever the values quoted in it hold.
    super(`Invalid ${model ?? 'request'} parameters (nothing was sent):\n${issues.map((i) => `  - ${printable(i.message)}`).join('\n')}`);
    this.issues = issues;
    this.model = model;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `image_end is not accepted in first_frame mode` → `--image-end is not accepted in first_frame mode`;
 * `audio_urls[0] …` → `--audio-urls (value 1) …`; `model_params.shot_type …` → `--model-params (shot_type) …`.
 */
export function withFlagNames(message: string, fields: readonly string[]): string {
  if (fields.length === 0) return message;
  const names = [...fields].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\w.-])(${names.join('|')})((?:\\[\\d+\\])?)((?:\\.\\w+)*)(?![\\w-])`, 'g');
  return message.replace(pattern, (_match, field: string, index: string, sub: string) => {
    const position = index ? ` (value ${Number(index.slice(1, -1)) + 1})` : '';
    return `--${flagName(field)}${position}${sub ? ` (${sub.slice(1)})` : ''}`;
  });
}

/** The SDK's validation error with flags instead of body fields, each issue in the CLI's terms (its JSON shows them). */
export function toFlagValidationError(error: ValidationError, fields: readonly string[]): FlagValidationError {
  const issues = error.issues.map((issue) => {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    return { flag: field === undefined ? undefined : `--${flagName(field)}`, message: inCliTerms(withFlagNames(issue.message, fields)) };
  });
  return new FlagValidationError(issues, error.model);
}
