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
