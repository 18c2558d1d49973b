/**
 * The task error codes EvoLink documents (spec/evolink/task-management/error-codes.mdx), each with whether
 * resubmitting the same request may succeed, as read from the docs' "Retryable" column. Written from the docs, not
 * from src/, for the tests that check the SDK's `retryable` against them.
 */
export const DOCUMENTED_TASK_ERROR_CODES: readonly (readonly [code: string, retryable: boolean])[] = [
  ['content_policy_violation', false],
  ['invalid_parameters', false],
  ['image_processing_error', false],
  ['image_dimension_mismatch', false],
  ['request_cancelled', true],
  ['generation_failed_no_content', true],
  ['service_error', true],
  ['generation_timeout', true],
  ['resource_exhausted', true],
  ['quota_exceeded', true],
  ['service_unavailable', true],
  ['resource_not_found', false],
  ['unknown_error', false],
];
