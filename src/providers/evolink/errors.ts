import { isRecord } from '../../internal/is-record.js';
import { COMMON_ADVICE, type ErrorDetails, type ErrorFormat } from '../../errors/from-response.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** EvoLink's `{ error: { code, message, type, param } }` (or those fields at the top level, as some gateways send). */
function readEvoLinkError(body: unknown): ErrorDetails | undefined {
  const error = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : undefined;
  if (!error) return undefined;
  const code = typeof error.code === 'number' || text(error.code) ? (error.code as string | number) : undefined;
  return { code, type: text(error.type), param: text(error.param), message: text(error.message) ?? text(error.msg) };
}

/** How EvoLink's error bodies read, and what to do per status. */
export const evolinkErrors: ErrorFormat = {
  read: readEvoLinkError,
  advice: {
    ...COMMON_ADVICE,
    401: 'check the API key (EVOLINK_API_KEY or the apiKey option)',
    402: 'top up credits at https://evolink.ai/dashboard/billing',
    500: 'retry later; the SDK already retried',
  },
};
