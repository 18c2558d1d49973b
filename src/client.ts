import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from './client-options.js';
import { modelsOfKind } from './models/registry.js';
import { buildGenerationRequest, type BuildOptions } from './request/build-generation.js';
import { idempotencyKeyFor } from './request/idempotency-key.js';
import { checkTaskId } from './request/task-id.js';
import type { RequestOptions } from './request-options.js';
import { parseTask } from './tasks/parse-task.js';
import { TaskPromise } from './tasks/task-promise.js';
import type { TasksResource } from './tasks/tasks-resource.js';
import { waitForTask } from './tasks/wait-for-task.js';
import type { WaitOptions } from './tasks/wait-options.js';
import { createDefaultDispatcher, runtimeAcceptsDispatcher } from './transport/default-dispatcher.js';
import { HttpClient, type HttpRequest, type HttpResponse } from './transport/http-client.js';
import { RateGate } from './transport/rate-gate.js';
import { requestWithRetry, type RetryEvent } from './transport/request-with-retry.js';
import type { CompletedTask, Task } from './types/task.js';
import { VERSION } from './version.js';
import type { EditVideoParams, GenerateParams, ImageToVideoParams, ReferenceToVideoParams, TextToVideoParams } from './methods.js';

const GENERATIONS_PATH = '/v1/videos/generations';

/**
 * Client for EvoLink's Wan video API. One instance per process is enough: it keeps a keep-alive connection pool and a
 * shared rate-limit backoff.
 *
 * @example
 * ```ts
 * import { WanClient } from 'evolink-wan';
 * const client = new WanClient(); // EVOLINK_API_KEY from the environment
 * const video = await client
 *   .imageToVideo({ prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' })
 *   .waitForResult();
 * console.log(video.url);
 * ```
 */
export class WanClient {
  /** The API origin requests go to. */
  readonly baseURL: string;
  /** Read and wait on tasks by id: `client.tasks.get(id)`, `client.tasks.wait(id)`. */
  readonly tasks: TasksResource;
  readonly #options: ResolvedClientOptions;
  readonly #http: HttpClient;
  readonly #gate = new RateGate();
  #ownDispatcher: Promise<{ close(): Promise<void> }> | undefined;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;

  /**
   * @throws {EvoLinkError} when no API key is configured or an option is invalid; nothing is sent.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.baseURL = this.#options.baseURL;
    this.#onRetry = options.onRetry;
    const useOwnPool = options.dispatcher === undefined && options.fetch === undefined && runtimeAcceptsDispatcher();
    // The SDK's own pool is created on the first request (see createDefaultDispatcher).
    const getDispatcher = useOwnPool
      ? () => (this.#ownDispatcher ??= createDefaultDispatcher({ maxConnections: this.#options.maxConnections, keepAliveTimeout: 10_000 }))
      : () => options.dispatcher;
    this.#http = new HttpClient({
      baseURL: this.#options.baseURL,
      apiKey: this.#options.apiKey,
      fetch: options.fetch,
      getDispatcher,
      headers: { 'user-agent': `evolink-wan/${VERSION}`, ...lowerCaseKeys(options.defaultHeaders) },
      maxResponseBytes: this.#options.maxResponseBytes,
    });
    this.tasks = {
      get: (taskId, requestOptions) => this.#getTask(taskId, requestOptions),
      wait: async (taskId, waitOptions) => this.#wait(checkTaskId(taskId), waitOptions),
    };
  }

  /**
   * Text to video: `wan2.7-text-to-video` (default) or `wan2.6-text-to-video`.
   * @example
   * ```ts
   * const video = await client.textToVideo({ prompt: 'A kitten running under the moonlight', duration: 5 }).waitForResult();
   * ```
   */
  textToVideo(params: TextToVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, { defaultModel: 'wan2.7-text-to-video', allowed: modelsOfKind('text-to-video') }, options);
  }

  /**
   * Image to video: `wan2.7-image-to-video` (default), `wan2.6-image-to-video`, `wan2.6-image-to-video-flash`. For
   * wan2.7, `generation_mode` is inferred from the materials when omitted (and sent explicitly, as the docs recommend).
   * @example
   * ```ts
   * const video = await client
   *   .imageToVideo({ generation_mode: 'first_frame', prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' })
   *   .waitForResult({ onProgress: (t) => console.log(t.status, t.progress) });
   * ```
   */
  imageToVideo(params: ImageToVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, { defaultModel: 'wan2.7-image-to-video', allowed: modelsOfKind('image-to-video') }, options);
  }

  /**
   * Reference images or clips to video: `wan2.7-reference-video` (default), `wan2.6-reference-video`,
   * `wan2.6-reference-video-flash`.
   * @example
   * ```ts
   * const video = await client
   *   .referenceToVideo({ prompt: 'Image 1 waves at Video 1', image_urls: [girl], video_urls: [dancer] })
   *   .waitForResult();
   * ```
   */
  referenceToVideo(params: ReferenceToVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, { defaultModel: 'wan2.7-reference-video', allowed: modelsOfKind('reference-video') }, options);
  }

  /**
   * Edit a video by instruction: `wan2.7-video-edit` (default).
   * @example
   * ```ts
   * const video = await client.editVideo({ prompt: 'Make it claymation', video_urls: [clip] }).waitForResult();
   * ```
   */
  editVideo(params: EditVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, { defaultModel: 'wan2.7-video-edit', allowed: modelsOfKind('video-edit') }, options);
  }

  /**
   * Any of the nine models, chosen by `params.model` (required). Parameters are checked against that model.
   * @example
   * ```ts
   * const video = await client.generate({ model: 'wan2.6-text-to-video', prompt: 'A cat playing piano' }).waitForResult();
   * ```
   */
  generate(params: GenerateParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, {}, options);
  }

  /** Closes the SDK's own connection pool (not a dispatcher you passed in). Pending requests finish first. */
  async close(): Promise<void> {
    await (await this.#ownDispatcher)?.close();
  }

  #submit(params: unknown, build: BuildOptions, options: RequestOptions = {}): TaskPromise {
    const submission = (async () => {
      const { body } = buildGenerationRequest(params, { ...build, extraBody: options.extraBody });
      const idempotencyKey = idempotencyKeyFor(options.idempotencyKey);
      const request: HttpRequest = { method: 'POST', path: GENERATIONS_PATH, body, idempotencyKey, headers: options.headers ?? {} };
      const response = await this.#send(request, options);
      return parseTask(response.data, { status: response.status, requestId: response.requestId, idempotencyKey });
    })();
    return new TaskPromise(submission, (task, waitOptions) => this.#wait(task.id, waitOptions, task));
  }

  async #getTask(taskId: string, options: RequestOptions = {}, deadline?: number): Promise<Task> {
    const id = checkTaskId(taskId);
    const request: HttpRequest = { method: 'GET', path: `/v1/tasks/${encodeURIComponent(id)}`, taskId: id, headers: options.headers ?? {} };
    const response = await this.#send(request, options, deadline);
    return parseTask(response.data, { status: response.status, requestId: response.requestId, taskId: id });
  }

  #wait(taskId: string, options: WaitOptions = {}, initial?: Task): Promise<CompletedTask> {
    return waitForTask((id, { signal, deadline }) => this.#getTask(id, { signal }, deadline), taskId, options, initial);
  }

  #send(request: HttpRequest, options: RequestOptions, deadline?: number): Promise<HttpResponse> {
    return requestWithRetry(this.#http, request, {
      maxRetries: options.maxRetries ?? this.#options.maxRetries,
      timeout: options.timeout ?? this.#options.timeout,
      signal: options.signal,
      deadline,
      policy: this.#options.retry,
      gate: this.#gate,
      onRetry: this.#onRetry,
    });
  }
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== 'authorization') out[key.toLowerCase()] = value;
  }
  return out;
}
