export { WanClient } from './client.js';
export type { ClientOptions } from './client-options.js';
export type { RequestOptions } from './request-options.js';
export type { ImageToVideoParams, WithDefaultModel } from './methods.js';
export { TaskPromise } from './tasks/task-promise.js';
export type { TasksResource } from './tasks/tasks-resource.js';
export type { WaitOptions } from './tasks/wait-options.js';
export type { PollInterval } from './tasks/poll-interval.js';
export { defaultPollInterval } from './tasks/poll-interval.js';
export { isTerminal } from './tasks/parse-task.js';
export type { RetryEvent } from './transport/request-with-retry.js';
export type { FetchLike } from './transport/http-client.js';
export type { Task, TaskStatus, TaskErrorInfo, TaskInfo, TaskUsage, SubmittedTask, CompletedTask } from './types/task.js';
export * from './errors/index.js';
export { MODELS, MODEL_IDS, type ModelId, type ParamsOf } from './models/registry.js';
export type { ModelDefinition, ModelKind } from './models/define-model.js';
export {
  Wan27ImageToVideoSchema,
  GENERATION_MODES,
  inferGenerationMode,
  type Wan27ImageToVideoParams,
  type GenerationMode,
} from './models/wan27/image-to-video.js';
