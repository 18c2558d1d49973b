export { WanClient } from './client.js';
export { VERSION } from './version.js';
export type { ClientOptions } from './client-options.js';
export type { RequestOptions, MediaUploadProgress } from './request-options.js';
export type {
  TextToVideoParams,
  ImageToVideoParams,
  ReferenceToVideoParams,
  EditVideoParams,
  GenerateParams,
  WithDefaultModel,
  WithMediaInputs,
  Exclusive,
  NovitaOptions,
} from './methods.js';
export type { ProviderName } from './providers/info.js';
export { fileFrom, LocalFile, type LocalMedia, type MediaInput } from './media/local-file.js';
export { MEDIA_FIELDS, type MediaRule, type MediaFields } from './media/limits.js';
export type {
  FilesResource,
  UploadedFile,
  FileQuota,
  UploadOptions,
  UploadFromUrlOptions,
  UploadProgress,
  QuotaOptions,
  PreparedMedia,
  PreparedUpload,
} from './files/types.js';
export type { DownloadDestination, DownloadOptions, DownloadProgress, DownloadResult, NodeWritableLike } from './download/types.js';
export { TaskPromise } from './tasks/task-promise.js';
export type { GenerationJob, GenerationEvent, GenerationResult, GenerateManyOptions } from './tasks/generate-many.js';
export { createCallbackHandler, type CallbackHandler, type CallbackHandlerOptions } from './tasks/callback-handler.js';
export { CallbackError, type CallbackBody, type CallbackErrorReason } from './tasks/verify-callback.js';
export { ApiPromise, type WithResponse, type ResponseInfo } from './tasks/api-promise.js';
export type { LogLevel } from './internal/log-levels.js';
export type { Logger } from './internal/logger.js';
export type { SpanLike, TracerLike } from './internal/spans.js';
export type { Credits, CreditBalance } from './providers/provider.js';
export type { TasksResource } from './tasks/tasks-resource.js';
export type { WaitOptions } from './tasks/wait-options.js';
export type { PollInterval } from './tasks/poll-interval.js';
export { defaultPollInterval } from './tasks/poll-interval.js';
export type { PollTiming } from './tasks/task-timing.js';
export { isTerminal } from './tasks/parse-task.js';
export type { RetryEvent } from './transport/send-with-retry.js';
export type { FetchLike } from './transport/http-client.js';
export type {
  Task,
  TaskStatus,
  TaskErrorInfo,
  TaskInfo,
  TaskUsage,
  SubmittedTask,
  CompletedTask,
  CompletedTaskData,
} from './tasks/task.js';
export * from './errors/index.js';
export type { CostEstimate } from './cost/estimate.js';
export type { BudgetOptions, PerTagBudget } from './cost/budget.js';
export { MemoryLedger, type BudgetLedger, type Spend, type SpendLimit } from './cost/ledger.js';
export { EVOLINK_PRICES, type PriceList, type PriceTable, type Quality, type SecondPrice } from './cost/prices.js';
export { contentKey, type ContentKeyOptions } from './request/content-key.js';
export {
  MODELS,
  MODEL_IDS,
  modelJsonSchema,
  type ModelId,
  type ParamsOf,
} from './models/registry.js';
export type { ModelDefinition, ModelFamily, ModelKind } from './models/define-model.js';
export { GENERATION_MODES, inferGenerationMode, type GenerationMode } from './models/wan27/generation-mode.js';
export type { Wan27ImageToVideoParams } from './models/wan27/image-to-video.js';
export type { Wan27TextToVideoParams } from './models/wan27/text-to-video.js';
export type { Wan27ReferenceVideoParams } from './models/wan27/reference-video.js';
export type { Wan27VideoEditParams } from './models/wan27/video-edit.js';
export type { Wan26TextToVideoParams } from './models/wan26/text-to-video.js';
export type { Wan26ImageToVideoParams, Wan26ImageToVideoFlashParams } from './models/wan26/image-to-video.js';
export type { Wan26ReferenceVideoParams, Wan26ReferenceVideoFlashParams } from './models/wan26/reference-video.js';
export type { Wan30TextToVideoParams } from './models/wan30/text-to-video.js';
export type { Wan30ImageToVideoParams } from './models/wan30/image-to-video.js';
export type { Wan30ReferenceVideoParams } from './models/wan30/reference-video.js';
export { SMART_DURATION } from './models/wan30/limits.js';
