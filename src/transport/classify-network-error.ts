/** Error codes that mean the request never left this machine, so even a paid POST is safe to resend. */
const PRE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  // An invalid port or URL is refused before any socket exists.
  'ERR_SOCKET_BAD_PORT',
  'ERR_INVALID_URL',
  'UND_ERR_INVALID_ARG',
  // Bun's names for a refused connection or a failed lookup.
  'ConnectionRefused',
  'FailedToOpenSocket',
  'DNSException',
]);

/** Deno reports connect and DNS failures in the message only. */
const PRE_SEND_MESSAGE =
  /connection refused|dns error|failed to lookup address|name or service not known|tcp connect error|invalid port|failed to parse url/i;

/** The `code` of an error or of one of its causes (fetch wraps the real error in `TypeError('fetch failed')`). */
export function networkErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * `true` when the failure provably happened before any byte of the request was sent (refused connection, DNS,
 * connect timeout, TLS handshake). Anything else (reset, socket closed, broken body) may have reached the server.
 */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkErrorCode(error);
  if (code !== undefined) return PRE_SEND_CODES.has(code);
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && PRE_SEND_MESSAGE.test(message)) return true;
  }
  return false;
}
