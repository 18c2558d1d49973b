import { inFlightAdvice } from '../errors/connection-error.js';
import { APITimeoutError, APIUserAbortError, ClientClosedError, type EvoLinkError } from '../errors/index.js';
import type { RequestContext } from '../errors/api-error.js';
import { AttemptTimedOut, ClientClosed, OperationTimedOut } from './abort-reasons.js';

/**
 * The typed error for an operation stopped by an abort: the client was closed, the attempt timed out, or (any other
 * reason) the caller's signal fired. `inFlight` says whether a request was on the wire, so whether it may have
 * reached the server.
 */
export function errorForAbort(
  reason: unknown,
  context: RequestContext & { what: string; createsTask?: boolean | undefined },
  inFlight: boolean,
): EvoLinkError {
  const ctx = {
    requestId: context.requestId,
    idempotencyKey: context.idempotencyKey,
    taskId: context.taskId,
    createsTask: context.createsTask,
  };
  if (reason instanceof ClientClosed) return new ClientClosedError({ ...ctx, mayHaveReachedServer: inFlight });
  if (reason instanceof AttemptTimedOut) {
    return new APITimeoutError(
      `Request timed out after ${reason.timeout} ms (${context.what}); raise the timeout option if the API is slow.`,
      { ...ctx, timeout: reason.timeout, mayHaveReachedServer: inFlight },
    );
  }
  if (reason instanceof OperationTimedOut) {
    return new APITimeoutError(
      `The wait's timeout (${reason.timeout} ms) passed before the task was created (${context.what}). ` +
        (inFlight
          ? `The request was in flight, so ${inFlightAdvice(ctx)}.`
          : 'No task was created; submit again, or pass a larger waitForResult({ timeout }).'),
      { ...ctx, timeout: reason.timeout, mayHaveReachedServer: inFlight },
    );
  }
  return new APIUserAbortError(reason, { ...ctx, mayHaveReachedServer: inFlight });
}
