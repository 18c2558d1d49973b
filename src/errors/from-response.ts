import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientQuotaError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type APIErrorInit,
  type RequestContext,
} from './api-error.js';
import { safeJsonParse } from '../internal/safe-json.js';

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

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, else `Retry-After` as delta-seconds or
 * an HTTP date. `undefined` when absent or unparseable; never negative.
 */
export function parseRetryAfter(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headers['retry-after']?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  if (!/^[A-Za-z]{3},? /.test(raw)) return undefined; // HTTP dates start with a day name ("Fri, 20 Nov 2026 …")
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

const ERROR_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientQuotaError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
};

const BODY_SNIPPET = 500;

function parseErrorBody(text: string, format: ErrorFormat): { body: unknown; details: ErrorDetails | undefined } {
  try {
    const body = safeJsonParse(text);
    return { body, details: format.read(body) };
  } catch {
    return { body: text.length > BODY_SNIPPET ? `${text.slice(0, BODY_SNIPPET)}…` : text, details: undefined };
  }
}

/**
 * Builds the typed error for a non-2xx response. The class follows the status (or the gateway's `classStatus`), so an
 * HTML gateway page gives the same class as a JSON body; `code`, `type` and the message come from the body as the
 * gateway's {@link ErrorFormat} reads it (EvoLink's `{ error: { code, message, type } }` by default).
 */
export function errorFromResponse(
  status: number,
  headers: Record<string, string>,
  text: string,
  context: RequestContext,
  format: ErrorFormat,
): APIError {
  const { body, details } = parseErrorBody(text, format);
  const code = details?.code;
  const init: APIErrorInit = { ...context, status, code, type: details?.type, param: details?.param, headers, body };
  const classStatus = details?.classStatus ?? status;
  const advice = format.advice[Math.min(classStatus, 500)];
  const parts = [
    `${status}`,
    code === undefined ? undefined : String(code),
    details?.message ?? (details ? undefined : 'non-JSON error body'),
  ];
  const message = `${parts.filter(Boolean).join(' ')}${advice ? `; ${advice}` : ''}${context.requestId ? ` (request id ${context.requestId})` : ''}`;
  if (classStatus === 429) return new RateLimitError(message, { ...init, retryAfterMs: parseRetryAfter(headers) });
  if (classStatus >= 500) return new InternalServerError(message, init);
  const ErrorClass = ERROR_CLASSES[classStatus] ?? APIError;
  return new ErrorClass(message, init);
}
