import { createHash } from 'node:crypto';

function digest(queue: string, id: string): string {
  return createHash('sha256').update(`${queue}\u0000${id}`).digest('hex');
}

/**
 * A job's `Idempotency-Key`, derived from the queue's name and the job's id: every worker, on any machine, sends the
 * same key for the job's create, so a replay after a crash returns its task instead of billing a second one. 44
 * characters of `[a-z0-9-]`, inside EvoLink's 16–96 `[A-Za-z0-9._-]`.
 */
export function jobIdempotencyKey(queue: string, id: string): string {
  return `evq-${digest(queue, id).slice(0, 40)}`;
}

/** The pg-boss job id of a queue job: a UUID derived the same way, so adding a job twice adds it once. */
export function bossJobId(queue: string, id: string): string {
  const hex = digest(`pg-boss:${queue}`, id);
  // Version 8 (custom) UUID layout: the variant and version nibbles set, the rest from the hash.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
