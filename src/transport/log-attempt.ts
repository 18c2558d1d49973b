import type { Clock } from '../internal/clock.js';
import type { SdkLogger } from '../internal/logger.js';
import type { PreparedRequest } from '../request/build-request.js';
import type { HttpResponse } from './http-client.js';

const BODY_IN_LOG = 1_000;

/** One debug line per HTTP attempt: what was sent and what came back (the logger scrubs the key). */
export function logAttempt(
  log: SdkLogger,
  request: PreparedRequest,
  attempt: number,
  started: number,
  clock: Clock,
  outcome: HttpResponse | unknown,
): void {
  const answer = outcome as Partial<HttpResponse> & { status?: number; requestId?: string; message?: string; name?: string };
  const ok = typeof answer.data !== 'undefined' && typeof answer.headers === 'object';
  log.debug(`${request.method} ${request.path} → ${answer.status ?? answer.name ?? 'error'}`, {
    method: request.method,
    path: request.path,
    attempt,
    status: answer.status,
    durationMs: clock.now() - started,
    requestId: answer.requestId,
    idempotencyKey: request.idempotencyKey,
    requestHeaders: request.headers,
    requestBody: request.body?.slice(0, BODY_IN_LOG),
    ...(ok ? { responseBody: JSON.stringify(answer.data)?.slice(0, BODY_IN_LOG) } : { error: answer.message }),
  });
}

/** One warn line per retry: what failed and how long the client now waits (a 429 pauses the whole client). */
export function logRetry(
  log: SdkLogger,
  request: PreparedRequest,
  retry: number,
  delay: number,
  error: unknown,
  rateLimited: boolean,
): void {
  log.warn(
    rateLimited
      ? `Rate limited on ${request.method} ${request.path}: every request of this client pauses ${delay} ms`
      : `Retrying ${request.method} ${request.path} in ${delay} ms`,
    {
      retry,
      delay,
      error: error instanceof Error ? error.message : String(error),
      idempotencyKey: request.idempotencyKey,
      taskId: request.taskId,
    },
  );
}
