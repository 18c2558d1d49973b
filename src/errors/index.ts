export { EvoLinkError, type EvoLinkErrorOptions } from './evolink-error.js';
export { InvalidOptionError } from './option-error.js';
export { ValidationError, type ValidationIssue } from './validation-error.js';
export {
  APIError,
  BadRequestError,
  AuthenticationError,
  InsufficientQuotaError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  type APIErrorInit,
  type RequestContext,
} from './api-error.js';
export {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ClientClosedError,
  type InFlightContext,
  InvalidResponseError,
  type ConnectionErrorInit,
  type InvalidResponseReason,
} from './connection-error.js';
export { TaskError, TaskFailedError, TaskTimeoutError, TaskResultError, isRetryableTaskErrorCode } from './task-error.js';
export {
  FileUploadError,
  ResultExpiredError,
  DownloadError,
  type FileUploadErrorInit,
  type ResultExpiredErrorInit,
  type DownloadErrorInit,
} from './file-errors.js';
export { BudgetExceededError, type BudgetExceededErrorInit, type BudgetLimit } from './budget-error.js';
export { UnsupportedRuntimeError } from './runtime-error.js';
