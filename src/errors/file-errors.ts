import { EvoLinkError } from './evolink-error.js';

/** Fields of a {@link FileUploadError}. */
export interface FileUploadErrorInit {
  /** The files API's own `code` (it answers `{ success: false, code, msg }`, sometimes with HTTP 200). */
  code?: string | number | undefined;
  /** The files API's `msg`, as it sent it. */
  serverMessage?: string | undefined;
  /** The HTTP status of the answer (200 when the files API reported the failure in the body). */
  status?: number | undefined;
  /** `x-request-id` of the answer, to quote to EvoLink support. */
  requestId?: string | undefined;
  /** The file being uploaded, as you gave it (a path, "a Blob", "bytes"). */
  file?: string | undefined;
  cause?: unknown;
}

/**
 * EvoLink's files API refused or failed an upload: it answered `{ "success": false, "code": …, "msg": … }` (even
 * with HTTP 200), or the local file could not be read while it was being sent. Nothing was generated or billed.
 */
export class FileUploadError extends EvoLinkError {
  static override readonly errorName: string = 'FileUploadError';
  readonly code: string | number | undefined;
  readonly serverMessage: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly file: string | undefined;

  constructor(message: string, init: FileUploadErrorInit = {}) {
    super(message, { cause: init.cause });
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.status = init.status;
    this.requestId = init.requestId;
    this.file = init.file;
  }
}

/** Fields of a {@link ResultExpiredError}. */
export interface ResultExpiredErrorInit {
  /** The task whose result it was, when known. */
  taskId?: string | undefined;
  url: string;
  /** When the SDK expected the link to stop working (24 h after completion), when known. */
  expiresAt?: Date | undefined;
  /** The result host's status (403, 404 or 410), or `undefined` when the SDK refused before sending. */
  status?: number | undefined;
}

/**
 * A result link is past its expiry, or the result host answered 403, 404 or 410. EvoLink keeps results for 24 hours:
 * the task cannot be downloaded again; generate the video again.
 */
export class ResultExpiredError extends EvoLinkError {
  static override readonly errorName: string = 'ResultExpiredError';
  readonly taskId: string | undefined;
  readonly url: string;
  readonly expiresAt: Date | undefined;
  readonly status: number | undefined;

  constructor(init: ResultExpiredErrorInit) {
    const what = init.taskId ? `The result link of task ${init.taskId}` : 'The result link';
    const when = init.expiresAt ? ` (valid until about ${init.expiresAt.toISOString()})` : '';
    const how = init.status === undefined ? 'it is past its expiry, so nothing was requested' : `the result host answered ${init.status}`;
    super(
      `${what} has expired${when}: ${how}. EvoLink keeps results for 24 hours, so this task cannot be downloaded again; ` +
        'generate the video again, and save results soon after they complete.',
    );
    this.taskId = init.taskId;
    this.url = init.url;
    this.expiresAt = init.expiresAt;
    this.status = init.status;
  }
}

/** Fields of a {@link DownloadError}. */
export interface DownloadErrorInit {
  url: string;
  taskId?: string | undefined;
  /** Bytes written to the destination before it failed. */
  received: number;
  /** Bytes the result host announced, when it did. */
  total?: number | undefined;
  /** HTTP status of the last answer, when there was one. */
  status?: number | undefined;
  cause?: unknown;
}

/**
 * A download did not complete: the connection kept dropping after the SDK's resumes, the result host kept failing,
 * or the bytes did not add up to the announced size. A file destination's `.part` file has been removed.
 */
export class DownloadError extends EvoLinkError {
  static override readonly errorName: string = 'DownloadError';
  readonly url: string;
  readonly taskId: string | undefined;
  readonly received: number;
  readonly total: number | undefined;
  readonly status: number | undefined;

  constructor(message: string, init: DownloadErrorInit) {
    super(message, { cause: init.cause });
    this.url = init.url;
    this.taskId = init.taskId;
    this.received = init.received;
    this.total = init.total;
    this.status = init.status;
  }
}
