import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './client-options.js';
import { InvalidOptionError } from './errors/index.js';
import { linkSignals } from './internal/abort.js';
import { checkNumber, checkOptionsObject, checkSignal } from './internal/check-option.js';
import { systemClock } from './internal/clock.js';
import { isRecord } from './internal/is-record.js';
import type { EditVideoParams, GenerateParams, ImageToVideoParams, ReferenceToVideoParams, TextToVideoParams } from './methods.js';
import { modelsOfKind } from './models/registry.js';
import { evolink } from './providers/evolink.js';
import type { Provider } from './providers/provider.js';
import type { BuildOptions } from './request/build-generation.js';
import { type RequestDefaults, type RequestSpec, buildRequest } from './request/build-request.js';
import type { RequestOptions } from './request-options.js';
import { parseTask } from './tasks/parse-task.js';
import { type SubmissionControl, TaskPromise } from './tasks/task-promise.js';
import type { TasksResource } from './tasks/tasks-resource.js';
import { waitForTask } from './tasks/wait-for-task.js';
import { type ResolvedWaitOptions, resolveWaitOptions } from './tasks/wait-options.js';
import { ClientClosed } from './transport/abort-reasons.js';
import { HttpClient, type HttpResponse } from './transport/http-client.js';
import { OwnPool } from './transport/own-pool.js';
import { RateGate } from './transport/rate-gate.js';
import { Router } from './transport/route.js';
import { sendWithRetry } from './transport/send-with-retry.js';
import type { CompletedTask, Task } from './types/task.js';
import { VERSION } from './version.js';

const REQUEST_OPTIONS = ['signal', 'timeout', 'maxRetries', 'idempotencyKey', 'extraBody', 'headers'] as const;

/** A call's options after checking. */
interface CallOptions {
  signal: AbortSignal | undefined;
  timeout: number | undefined;
  maxRetries: number | undefined;
  headers: unknown;
  idempotencyKey: unknown;
  extraBody: Record<string, unknown> | undefined;
}

/** What a call without options gets (most calls): nothing to check. */
const NO_CALL_OPTIONS: CallOptions = Object.freeze({
  signal: undefined,
  timeout: undefined,
  maxRetries: undefined,
  headers: undefined,
  idempotencyKey: undefined,
  extraBody: undefined,
});

function checkRequestOptions(options: unknown): CallOptions {
  if (options === undefined) return NO_CALL_OPTIONS;
  const o = checkOptionsObject('the request options', options, REQUEST_OPTIONS);
  if (o.extraBody !== undefined && !isRecord(o.extraBody)) {
    throw new InvalidOptionError('extraBody', 'extraBody must be a plain object of body fields.');
  }
  return {
    signal: checkSignal('signal', o.signal),
    timeout: checkNumber('timeout', o.timeout, { unit: 'milliseconds' }),
    maxRetries: checkNumber('maxRetries', o.maxRetries, { integer: true }),
    headers: o.headers,
    idempotencyKey: o.idempotencyKey,
    extraBody: o.extraBody as Record<string, unknown> | undefined,
  };
}

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
  readonly #provider: Provider = evolink;
  readonly #defaults: RequestDefaults;
  readonly #http: HttpClient;
  readonly #clock = systemClock;
  readonly #gate = new RateGate(this.#clock);
  /** Aborted by `close()`: every request and wait of this client watches it. */
  readonly #closed = new AbortController();
  /** The SDK's own keep-alive pool (it opens connections only when used). */
  readonly #pool: OwnPool;

  /**
   * @throws {InvalidOptionError} when no usable API key is configured or an option is invalid; nothing is sent.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options, this.#provider);
    this.baseURL = this.#options.baseURL;
    this.#defaults = { apiKey: this.#options.apiKey, userAgent: `evolink-wan/${VERSION}`, headers: this.#options.defaultHeaders };
    this.#pool = new OwnPool({ origin: new URL(this.#options.baseURL).origin, maxConnections: this.#options.maxConnections, keepAliveTimeout: 10_000 });
    this.#http = new HttpClient({
      baseURL: this.#options.baseURL,
      apiKey: this.#options.apiKey,
      router: new Router({ fetch: this.#options.fetch, dispatcher: this.#options.dispatcher }, this.#pool),
      maxResponseBytes: this.#options.maxResponseBytes,
      clock: this.#clock,
    });
    this.tasks = {
      get: (taskId, requestOptions) => this.#getTask(taskId, requestOptions),
      wait: async (taskId, waitOptions) => {
        const wait = resolveWaitOptions(waitOptions, this.#clock.now());
        return this.#wait(this.#provider.getTask(taskId).taskId!, wait);
      },
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
   * Any supported model, chosen by `params.model` (required). Parameters are checked against that model.
   * @example
   * ```ts
   * const video = await client.generate({ model: 'wan2.6-text-to-video', prompt: 'A cat playing piano' }).waitForResult();
   * ```
   */
  generate(params: GenerateParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, {}, options);
  }

  /**
   * Closes the client: requests and waits in flight end at once with `ClientClosedError` (tasks keep running on the
   * server; resume them by id from another client), later calls reject the same way without sending, and the SDK's
   * own connection pool is closed (not a dispatcher you passed in), so the process can exit. Safe to call twice.
   */
  async close(): Promise<void> {
    if (!this.#closed.signal.aborted) this.#closed.abort(new ClientClosed());
    await this.#pool.close();
  }

  #submit(params: unknown, build: BuildOptions, options: unknown): TaskPromise {
    const start = async (control: SubmissionControl): Promise<Task> => {
      const call = checkRequestOptions(options);
      const spec = this.#provider.createTask(params, { ...build, extraBody: call.extraBody });
      const request = buildRequest(spec, this.#defaults, call);
      const response = await this.#send(request, call, control.signal, control.deadline);
      return parseTask(response.data, { status: response.status, requestId: response.requestId, idempotencyKey: request.idempotencyKey });
    };
    return new TaskPromise(start, (task, wait) => this.#wait(task.id, wait, task), this.#clock);
  }

  async #getTask(taskId: unknown, options?: unknown, wait?: { signal: AbortSignal; deadline: number | undefined }): Promise<Task> {
    const call = checkRequestOptions(options);
    const spec: RequestSpec = this.#provider.getTask(taskId);
    const request = buildRequest(spec, this.#defaults, call);
    // Inside a wait, a poll is retried for as long as the wait's deadline allows.
    const response = wait
      ? await this.#send(request, { ...call, maxRetries: Number.POSITIVE_INFINITY }, wait.signal, () => wait.deadline)
      : await this.#send(request, call);
    return parseTask(response.data, { status: response.status, requestId: response.requestId, taskId: spec.taskId, expectedId: spec.taskId });
  }

  #wait(taskId: string, wait: ResolvedWaitOptions, initial?: Task): Promise<CompletedTask> {
    return waitForTask((id, poll) => this.#getTask(id, undefined, poll), taskId, { ...wait, stop: this.#closed.signal }, this.#clock, initial);
  }

  async #send(
    request: ReturnType<typeof buildRequest>,
    call: Pick<CallOptions, 'signal' | 'timeout' | 'maxRetries'>,
    extraSignal?: AbortSignal,
    deadline?: () => number | undefined,
  ): Promise<HttpResponse> {
    // Two signals are linked only when both are given (rare); the client's close goes alongside, unlinked.
    const linked = call.signal !== undefined && extraSignal !== undefined ? linkSignals([call.signal, extraSignal]) : undefined;
    try {
      return await sendWithRetry(this.#http, request, {
        maxRetries: call.maxRetries ?? this.#options.maxRetries,
        timeout: call.timeout ?? this.#options.timeout,
        signal: linked?.signal ?? call.signal ?? extraSignal,
        stop: this.#closed.signal,
        deadline,
        policy: this.#options.retry,
        gate: this.#gate,
        clock: this.#clock,
        onRetry: this.#options.onRetry,
      });
    } finally {
      linked?.cleanup();
    }
  }
}
