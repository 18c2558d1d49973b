import { EvoLinkError } from './evolink-error.js';

/** One problem found in a request before it was sent. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['image_end']` or `['audio_urls', 0]`. Empty for the request as a whole. */
  path: (string | number)[];
  /** What is wrong and what to change, naming the field, e.g. "image_end is not accepted in first_frame mode; use first_last_frame". */
  message: string;
  /** zod issue code (`invalid_type`, `too_big`, `custom`, `unrecognized_keys`, …). */
  code: string;
}

/** `['audio_urls', 0]` → `audio_urls[0]`; `['model_params', 'shot_type']` → `model_params.shot_type`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The request was rejected on the client before anything was sent, so no credits were spent.
 * `issues` lists every problem with its field path; the message shows them one per line.
 */
export class ValidationError extends EvoLinkError {
  static override readonly errorName: string = 'ValidationError';
  /** Every problem found, each with a field path and a message saying what to change. */
  readonly issues: ValidationIssue[];
  /** The model whose rules were applied, when known. */
  readonly model: string | undefined;

  constructor(issues: ValidationIssue[], model?: string) {
    const lines = issues.map((i) => `  - ${i.message}`);
    super(`Invalid ${model ?? 'request'} parameters (nothing was sent):\n${lines.join('\n')}`);
    this.issues = issues;
    this.model = model;
  }
}
