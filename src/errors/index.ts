// The errors a user catches: the classes and the types of their public fields. The constructors' option types
// (`*Init`) and the request context are internal: import them from the file that declares them.
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
} from './api-error.js';
export {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ClientClosedError,
  InvalidResponseError,
  type InvalidResponseReason,
} from './connection-error.js';
export { TaskError, TaskFailedError, TaskTimeoutError, TaskResultError, isRetryableTaskErrorCode } from './task-error.js';
export {
  FileUploadError,
  ResultExpiredError,
  DownloadError,
} from './file-errors.js';
export { BudgetExceededError, type BudgetLimit } from './budget-error.js';
export { UnsupportedRuntimeError } from './runtime-error.js';
