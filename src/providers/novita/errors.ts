import { isRecord } from '../../internal/is-record.js';
import { COMMON_ADVICE, type ErrorDetails, type ErrorFormat } from '../../errors/from-response.js';
import { evolinkErrors } from '../evolink/errors.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * novita reasons whose HTTP status names another problem: a missing (400) or invalid (403) key is an
 * `AuthenticationError`, an empty balance (400, or 403 on the LLM API) an `InsufficientQuotaError`.
 */
const CLASS_BY_REASON: Record<string, number> = {
  MISSING_API_KEY: 401,
  INVALID_API_KEY: 401,
  BILLING_BALANCE_NOT_ENOUGH: 402,
  NOT_ENOUGH_BALANCE: 402,
};

/** novita's `{ code, reason, message, metadata }`: `code` becomes the reason (e.g. `INVALID_REQUEST_BODY`). */
function readNovitaError(body: unknown): ErrorDetails | undefined {
  if (!isRecord(body)) return undefined;
  const reason = text(body.reason);
  // Anything else (a proxy's `{ error: { … } }`) reads the common way.
  if (reason === undefined && text(body.message) === undefined) return evolinkErrors.read(body);
  return {
    code: reason ?? (typeof body.code === 'number' ? body.code : undefined),
    message: text(body.message),
    classStatus: reason !== undefined && Object.hasOwn(CLASS_BY_REASON, reason) ? CLASS_BY_REASON[reason] : undefined,
  };
}

/** How novita's error bodies read, and what to do per status. */
export const novitaErrors: ErrorFormat = {
  read: readNovitaError,
  advice: {
    ...COMMON_ADVICE,
    401: 'check the API key (NOVITA_API_KEY or the apiKey option)',
    402: 'top up your novita.ai balance',
    // A create is not resent after a 5xx on novita (no idempotency key), so "already retried" would not be true.
    500: 'retry later',
  },
};
