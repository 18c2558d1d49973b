import { ValidationError } from '../errors/index.js';

const KEY = /^[A-Za-z0-9._-]{16,96}$/;

/**
 * The `Idempotency-Key` of a task-creating POST: the caller's, checked against EvoLink's format (16–96 characters of
 * `[A-Za-z0-9._-]`), or a new random one. The same key is sent on every retry of the call.
 */
export function idempotencyKeyFor(given: unknown): string {
  if (given === undefined) return `evolink-wan-${globalThis.crypto.randomUUID()}`;
  if (typeof given !== 'string' || !KEY.test(given)) {
    throw new ValidationError([
      {
        path: ['idempotencyKey'],
        code: 'invalid_format',
        message: 'idempotencyKey must be 16–96 characters of letters, digits, ".", "_" or "-"',
      },
    ]);
  }
  return given;
}
