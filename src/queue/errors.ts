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

/**
 * A result could not be delivered where it was asked to go: a sink's upload (`presignedUrlSink`) or a notification
 * (`webhookNotifier`) was refused or unreachable. The URL is given without its query, which may hold a signature.
 */
export class QueueDeliveryError extends EvoLinkError {
  static override readonly errorName: string = 'QueueDeliveryError';
  /** The job whose result or notification it was. */
  readonly jobId: string;
  /** Where it went, without the query string (a presigned URL's signature stays out of logs). */
  readonly target: string;
  /** The HTTP status the target answered, when it answered. */
  readonly status: number | undefined;

  constructor(message: string, details: { jobId: string; target: string; status?: number | undefined; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.jobId = details.jobId;
    this.target = details.target;
    this.status = details.status;
  }
}

/** A URL without its query and fragment: what may be logged or stored of a presigned or webhook URL. */
export function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
