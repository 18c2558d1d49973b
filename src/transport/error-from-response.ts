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
} from '../errors/index.js';
import { safeJsonParse } from '../internal/safe-json.js';
import type { ErrorDetails, ErrorFormat } from '../providers/error-format.js';
import { evolinkErrors } from '../providers/evolink/errors.js';
import { parseRetryAfter } from './retry-after.js';

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
  format: ErrorFormat = evolinkErrors,
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
