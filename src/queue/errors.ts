import { EvoLinkError } from '../errors/evolink-error.js';

/** The packages `evolink-wan/queue` runs on, with the range it is tested with. */
export const QUEUE_PACKAGES = ['pg-boss@^10.4.2', 'pg@^8.16.3'] as const;

/** The command that installs what the queue needs. */
export const QUEUE_INSTALL = `npm install ${QUEUE_PACKAGES.join(' ')}`;

/**
 * `evolink-wan/queue` (and the CLI's `queue` commands) run on pg-boss and the Postgres driver `pg`, optional peer
 * dependencies of the SDK: this error says which one is missing and the command that installs them.
 */
export class QueueDependencyError extends EvoLinkError {
  static override readonly errorName: string = 'QueueDependencyError';
  /** The package that could not be loaded (`pg-boss` or `pg`). */
  readonly packageName: string;
  /** What to run: `npm install pg-boss@^10.4.2 pg@^8.16.3`. */
  readonly install: string = QUEUE_INSTALL;

  constructor(packageName: string, cause: unknown) {
    super(
      `evolink-wan/queue needs the optional peer dependency ${packageName}, which is not installed. Install the queue's dependencies with: ${QUEUE_INSTALL}`,
      { cause },
    );
    this.packageName = packageName;
  }
}

/** A job the queue refuses to take (`add`), or an option it refuses: what is wrong and what to change. */
export class QueueJobError extends EvoLinkError {
  static override readonly errorName: string = 'QueueJobError';
  /** The job's id, when the problem is one job's. */
  readonly jobId: string | undefined;

  constructor(message: string, jobId?: string) {
    super(message);
    this.jobId = jobId;
  }
}
