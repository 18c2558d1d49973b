import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { UsageError } from '../exit-codes.js';

/** Name of the lock file, in the output folder, beside the state file. */
export const LOCK_FILE = 'evolink-wan-batch.lock';

/** Who holds a batch's lock: written into the lock file when it is taken. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601. */
  since: string;
}

/**
 * Another run of `evolink-wan batch` holds the output folder. Two runs on one folder would each make their own batch
 * id and so send different idempotency keys: every job would be billed twice. Exit code 2, nothing sent.
 */
export class BatchInUseError extends UsageError {
  static override readonly errorName: string = 'BatchInUseError';
  /** The lock file. */
  readonly lockPath: string;
  /** What the lock file says of its holder (`undefined` when it cannot be read). */
  readonly holder: LockHolder | undefined;

  constructor(lockPath: string, holder: LockHolder | undefined) {
    const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'a run that is starting';
    super(
      `Another evolink-wan batch is running on this folder (${who}); running a second one at once would bill every job twice. ` +
        `Wait for it to end, or use another --out-dir. If no batch runs there any more, delete ${lockPath} and run again.`,
    );
    this.lockPath = lockPath;
    this.holder = holder;
  }
}

function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function readHolder(path: string): LockHolder | undefined | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.since === 'string') return value as LockHolder;
  } catch {
    // Empty while its writer is between open and write, or not ours: treated as held.
  }
  return undefined;
}

/** `true` when the holder is a process of this host that no longer exists (a crash, `kill -9`). */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false; // another machine's process cannot be checked from here
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) === 'ESRCH'; // EPERM: it exists, as another user's process
  }
}

/**
 * Removes a stale lock, under a guard file taken exclusively, so of several runs that found the same stale lock only
 * one removes it (the others could otherwise remove the lock the first has just taken). Returns `false` when another
 * run is doing it.
 */
function removeStale(path: string, stale: LockHolder): boolean {
  const guard = `${path}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    const now = readHolder(path);
    if (now !== 'gone' && now !== undefined && now.pid === stale.pid && now.since === stale.since) unlinkSync(path);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/**
 * An advisory lock on a batch's output folder: a file holding the pid and host of the run, created exclusively (`wx`),
 * so of any number of runs started at once exactly one gets it. It outlives a crash; the next run finds its process
 * gone and takes it over. Throws {@link BatchInUseError} while a live run holds it.
 */
export class BatchLock {
  readonly path: string;
  readonly #holder: LockHolder;

  private constructor(path: string, holder: LockHolder) {
    this.path = path;
    this.#holder = holder;
  }

  static acquire(path: string): BatchLock {
    const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(path, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
        return new BatchLock(path, holder);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const found = readHolder(path);
      if (found === 'gone') continue; // released between our create and our read
      if (found === undefined || !isStale(found) || !removeStale(path, found)) throw new BatchInUseError(path, found);
    }
    throw new BatchInUseError(path, undefined);
  }

  /** Removes the lock file, if it is still this run's. */
  release(): void {
    const found = readHolder(this.path);
    if (found !== 'gone' && found?.pid === this.#holder.pid && found.since === this.#holder.since) unlinkSync(this.path);
  }
}
