import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InsufficientQuotaError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type APIErrorInit,
  type RequestContext,
} from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import { safeJsonParse } from '../internal/safe-json.js';
import { parseRetryAfter } from './retry-after.js';

const ERROR_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientQuotaError,
  403: PermissionDeniedError,
  404: NotFoundError,
};

/** What to do next, by status, appended to the server's message. */
const ADVICE: Record<number, string> = {
  400: 'fix the request parameters',
  401: 'check the API key (EVOLINK_API_KEY or the apiKey option)',
  402: 'top up credits at https://evolink.ai/dashboard/billing',
  403: 'use a key that has access to this model or task',
  404: 'check the task id or the baseURL',
  429: 'slow down; the SDK already retried',
  500: 'retry later; the SDK already retried',
};

const BODY_SNIPPET = 500;

function parseErrorBody(text: string): { body: unknown; error: Record<string, unknown> | undefined } {
  try {
    const body = safeJsonParse(text);
    const error = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : undefined;
    return { body, error };
  } catch {
    return { body: text.length > BODY_SNIPPET ? `${text.slice(0, BODY_SNIPPET)}…` : text, error: undefined };
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Builds the typed error for a non-2xx response. The class follows the status alone, so an HTML gateway page gives
 * the same class as a JSON body; `code`, `type` and the message come from `{ error: { code, message, type } }`.
 */
export function errorFromResponse(
  status: number,
  headers: Record<string, string>,
  text: string,
  context: RequestContext,
): APIError {
  const { body, error } = parseErrorBody(text);
  const code = typeof error?.code === 'number' || str(error?.code) ? (error?.code as string | number) : undefined;
  // EvoLink's files API puts its message in `msg`.
  const serverMessage = str(error?.message) ?? str(error?.msg);
  const init: APIErrorInit = {
    ...context,
    status,
    code,
    type: str(error?.type),
    param: str(error?.param),
    headers,
    body,
  };
  const advice = ADVICE[Math.min(status, 500)];
  const parts = [`${status}`, code === undefined ? undefined : String(code), serverMessage ?? (error ? undefined : 'non-JSON error body')];
  const message = `${parts.filter(Boolean).join(' ')}${advice ? `; ${advice}` : ''}${context.requestId ? ` (request id ${context.requestId})` : ''}`;
  if (status === 429) return new RateLimitError(message, { ...init, retryAfterMs: parseRetryAfter(headers) });
  if (status >= 500) return new InternalServerError(message, init);
  const ErrorClass = ERROR_CLASSES[status] ?? APIError;
  return new ErrorClass(message, init);
}
