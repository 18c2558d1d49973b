/** Advice that holds on every gateway; each gateway's error format adds its own (keys, billing, server errors). */
export const COMMON_ADVICE: Readonly<Record<number, string>> = {
  400: 'fix the request parameters',
  403: 'use a key that has access to this model or task',
  404: 'check the task id or the baseURL',
  429: 'slow down; the SDK already retried',
};

/** What a gateway's error body says, in the SDK's terms. */
export interface ErrorDetails {
  code?: string | number | undefined;
  type?: string | undefined;
  param?: string | undefined;
  message?: string | undefined;
  /**
   * The status whose error class fits this error better than the HTTP status does (novita answers an invalid key
   * with 403: it is still an `AuthenticationError`). `status` stays what the server sent.
   */
  classStatus?: number | undefined;
}

/** How one gateway's error bodies read, and what to advise per status. */
export interface ErrorFormat {
  /** The details of a parsed JSON error body, or `undefined` when it holds none. */
  read(body: unknown): ErrorDetails | undefined;
  /** What to do next, by status (every 5xx under 500), appended to the message. */
  advice: Readonly<Record<number, string>>;
}
