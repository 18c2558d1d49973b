import type {
  JSONObject,
  JSONValue,
  Experimental_VideoModelV4 as VideoModelV4,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  Experimental_VideoModelV4OperationStartResult as VideoModelV4OperationStartResult,
  Experimental_VideoModelV4OperationStatusResult as VideoModelV4OperationStatusResult,
} from '@ai-sdk/provider';
import type { WanClient } from '../client.js';
import { InvalidOptionError, TaskFailedError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import type { ModelId } from '../models/registry.js';
import type { GenerateParams } from '../methods.js';
import type { ResponseInfo } from '../tasks/api-promise.js';
import { completedTask } from '../tasks/parse-task.js';
import { isTerminal } from '../tasks/parse-task.js';
import type { Task } from '../tasks/task.js';
import { mapCallOptions } from './call-options.js';

/** What `doStart` hands the AI SDK to persist (JSON): enough for `doStatus` in any process to find the task. */
export interface EvoLinkOperation {
  taskId: string;
  model: ModelId;
}

/** `providerMetadata.evolink` of a start or a status. */
export interface EvoLinkVideoMetadata {
  [key: string]: JSONValue | undefined;
  taskId: string;
  status: string;
  /** 0–100, while running. */
  progress?: number | undefined;
  /** Credits charged, or held while the task runs (`usage.credits_used`, else `usage.credits_reserved`). */
  credits?: number | undefined;
  /** When the result links stop working (ISO 8601), once completed. */
  expiresAt?: string | undefined;
  /** The `x-request-id` of the answer, to quote to support. */
  requestId?: string | undefined;
}

/** The AI SDK's `idempotency-key` header (one per `startVideo`/`generateVideo`, kept across its retries) becomes the SDK's key. */
function splitHeaders(headers: Record<string, string | undefined> | undefined): {
  idempotencyKey?: string;
  headers: Record<string, string>;
} {
  const rest: Record<string, string> = {};
  let idempotencyKey: string | undefined;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    if (name.toLowerCase() === 'idempotency-key') idempotencyKey = value;
    else rest[name] = value;
  }
  return idempotencyKey === undefined ? { headers: rest } : { idempotencyKey, headers: rest };
}

function metadataOf(task: Task, response: ResponseInfo, expiresAt?: Date): { evolink: EvoLinkVideoMetadata } {
  const credits = task.usage?.credits_used ?? task.usage?.credits_reserved;
  const evolink: EvoLinkVideoMetadata = { taskId: task.id, status: task.status };
  if (typeof task.progress === 'number') evolink.progress = task.progress;
  if (typeof credits === 'number') evolink.credits = credits;
  if (expiresAt) evolink.expiresAt = expiresAt.toISOString();
  if (response.requestId !== undefined) evolink.requestId = response.requestId;
  return { evolink };
}

function operationOf(value: JSONValue): EvoLinkOperation {
  if (isRecord(value) && typeof value.taskId === 'string' && typeof value.model === 'string') {
    return { taskId: value.taskId, model: value.model as ModelId };
  }
  throw new InvalidOptionError(
    'operation',
    'The operation is not one an EvoLink video model started: pass back the `operation` that startVideo returned.',
  );
}

/**
 * One Wan model as an AI SDK `VideoModelV4`: `doStart` creates the task (the SDK's validation first: an invalid call
 * fails before any request), `doStatus` reads it once, so the AI SDK drives the polling and durable workflows can
 * persist the operation between steps. Webhooks use the model's `callback_url` where the provider has one.
 */
export class EvoLinkVideoModel implements VideoModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  readonly modelId: ModelId;
  /** One video per task: the AI SDK starts one task per video asked for. */
  readonly maxVideosPerCall = 1;
  /** Present where the provider has callbacks (EvoLink): the AI SDK then waits for the callback instead of polling. */
  declare readonly handleWebhookOption?: NonNullable<VideoModelV4['handleWebhookOption']>;
  readonly #client: () => WanClient;

  /** @internal Made by `createEvoLink(…).video(id)`. */
  constructor(modelId: ModelId, client: () => WanClient, options: { provider: string; webhooks: boolean }) {
    this.modelId = modelId;
    this.provider = options.provider;
    this.#client = client;
    // EvoLink POSTs the task to callback_url; the body is never trusted: doStatus reads the task from the API.
    if (options.webhooks) {
      this.handleWebhookOption = async ({ webhook }) => {
        const { url, received } = await webhook();
        return { webhookUrl: url, received };
      };
    }
  }

  async doStart(options: VideoModelV4CallOptions & { webhookUrl?: string }): Promise<VideoModelV4OperationStartResult> {
    const { params, warnings } = mapCallOptions(this.modelId, options);
    const { idempotencyKey, headers } = splitHeaders(options.headers);
    const { data: task, response } = await this.#client()
      .generate(params as GenerateParams, { signal: options.abortSignal, headers, ...(idempotencyKey ? { idempotencyKey } : {}) })
      .withResponse();
    const operation: EvoLinkOperation = { taskId: task.id, model: this.modelId };
    return {
      operation: operation as unknown as JSONObject,
      warnings,
      providerMetadata: metadataOf(task, response),
      response: { timestamp: new Date(), modelId: this.modelId, headers: response.headers },
    };
  }

  async doStatus(options: {
    operation: JSONValue;
    abortSignal?: AbortSignal;
    headers?: Record<string, string | undefined>;
  }): Promise<VideoModelV4OperationStatusResult> {
    const { taskId } = operationOf(options.operation);
    const { headers } = splitHeaders(options.headers);
    const { data: task, response } = await this.#client().tasks.get(taskId, { signal: options.abortSignal, headers }).withResponse();
    const answer = { timestamp: new Date(), modelId: this.modelId, headers: response.headers };
    if (!isTerminal(task)) return { status: 'pending', providerMetadata: metadataOf(task, response), response: answer };
    if (task.status !== 'completed') {
      return { status: 'error', error: new TaskFailedError(task).message, providerMetadata: metadataOf(task, response), response: answer };
    }
    const done = completedTask(task, undefined, Date.now());
    return {
      status: 'completed',
      videos: done.results.map((url) => ({ type: 'url', url, mediaType: 'video/mp4' })),
      warnings: [],
      providerMetadata: metadataOf(task, response, done.expiresAt),
      response: answer,
    };
  }
}
