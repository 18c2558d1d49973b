import { InvalidOptionError } from './errors/index.js';
import { checkBoolean, checkFunction, checkNumber, checkOptionsObject, checkSignal, checkString } from './internal/check-option.js';
import { isRecord } from './internal/is-record.js';

/** Options of a single API call (the last argument of every method). */
export interface RequestOptions {
  /** Aborts the call (and its retries) with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per HTTP attempt, overriding the client's `timeout`. */
  timeout?: number | undefined;
  /** Automatic retries for this call, overriding the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /**
   * `Idempotency-Key` of a task-creating call (16–96 characters of `[A-Za-z0-9._-]`). Generated when omitted.
   * Pass your own, stored with your job, to resubmit safely after a crash or an `APIConnectionError`.
   */
  idempotencyKey?: string | undefined;
  /**
   * Fields added to the request body after validation, sent as they are: the escape hatch for parameters the SDK
   * does not know yet. They may override validated fields; the server has the last word on them.
   */
  extraBody?: Record<string, unknown> | undefined;
  /** Headers for this call only. */
  headers?: Record<string, string> | undefined;
  /**
   * Called as local media of a generation call is uploaded (after it was checked): which file (`file`, its path or
   * label), bytes `sent` and its size (`total`). Bytes this client uploaded before are not sent again, so not reported.
   */
  onUploadProgress?: ((progress: MediaUploadProgress) => void) | undefined;
  /**
   * Who or what this generation is for (a user, a team, a feature): the key of the `budget.perTag` daily limits.
   * Never sent to the API.
   */
  tag?: string | undefined;
  /** Check this call's `http(s)` media URLs before the create (see the client option `checkRemoteMedia`). */
  checkRemoteMedia?: boolean | undefined;
}

/** Progress of one upload of a generation call's local media (`onUploadProgress`). */
export interface MediaUploadProgress {
  /** The file: its path, or a label for a Blob or bytes. */
  file: string;
  /** Bytes sent so far. */
  sent: number;
  /** Size of the file in bytes. */
  total: number;
}

const REQUEST_OPTIONS = [
  'signal',
  'timeout',
  'maxRetries',
  'idempotencyKey',
  'extraBody',
  'headers',
  'onUploadProgress',
  'tag',
  'checkRemoteMedia',
] as const;

/** A call's options after checking. */
export interface CallOptions {
  signal: AbortSignal | undefined;
  timeout: number | undefined;
  maxRetries: number | undefined;
  headers: unknown;
  idempotencyKey: unknown;
  extraBody: Record<string, unknown> | undefined;
  onUploadProgress: RequestOptions['onUploadProgress'];
  tag: string | undefined;
  checkRemoteMedia: boolean | undefined;
}

/** What a call without options gets (most calls): nothing to check. */
const NO_CALL_OPTIONS: CallOptions = Object.freeze({
  signal: undefined,
  timeout: undefined,
  maxRetries: undefined,
  headers: undefined,
  idempotencyKey: undefined,
  extraBody: undefined,
  onUploadProgress: undefined,
  tag: undefined,
  checkRemoteMedia: undefined,
});

/** Checks the options of one call (`InvalidOptionError` naming the option); `undefined` gives the frozen empty set. */
export function checkRequestOptions(options: unknown): CallOptions {
  if (options === undefined) return NO_CALL_OPTIONS;
  const o = checkOptionsObject('the request options', options, REQUEST_OPTIONS);
  if (o.extraBody !== undefined && !isRecord(o.extraBody)) {
    throw new InvalidOptionError('extraBody', 'extraBody must be a plain object of body fields.');
  }
  return {
    signal: checkSignal('signal', o.signal),
    timeout: checkNumber('timeout', o.timeout, { unit: 'milliseconds' }),
    maxRetries: checkNumber('maxRetries', o.maxRetries, { integer: true }),
    headers: o.headers,
    idempotencyKey: o.idempotencyKey,
    extraBody: o.extraBody as Record<string, unknown> | undefined,
    onUploadProgress: checkFunction('onUploadProgress', o.onUploadProgress as RequestOptions['onUploadProgress']),
    tag: checkString('tag', o.tag),
    checkRemoteMedia: checkBoolean('checkRemoteMedia', o.checkRemoteMedia),
  };
}
