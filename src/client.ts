import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './client-options.js';
import { checkDestination, checkDownloadOptions, completedDownloadSource, downloadSourceOf } from './client-download.js';
import { EvoLinkError, InvalidOptionError, InvalidResponseError, TaskFailedError, ValidationError } from './errors/index.js';
import { type AbortSource, linkSignals } from './internal/abort.js';
import { checkFunction, checkNumber, checkOptionsObject, checkSignal } from './internal/check-option.js';
import { systemClock } from './internal/clock.js';
import { createLogger, type SdkLogger } from './internal/logger.js';
import { isRecord } from './internal/is-record.js';
import type { EditVideoParams, GenerateParams, ImageToVideoParams, ReferenceToVideoParams, TextToVideoParams } from './methods.js';
import { mayHoldMediaObjects } from './media/fields.js';
import type { ModelKind } from './models/define-model.js';
import { type ModelId, modelsOfKind } from './models/registry.js';
import type { Provider } from './providers/provider.js';
import type { BuildOptions } from './request/build-generation.js';
import { type RequestDefaults, type RequestSpec, buildRequest } from './request/build-request.js';
import type { RequestOptions } from './request-options.js';
import { ApiPromise, type WithResponse } from './tasks/api-promise.js';
import { withRequestId } from './providers/task-shape.js';
import type { GenerateManyOptions, GenerationJob, GenerationResult } from './tasks/generate-many.js';
import { type SubmissionControl, TaskPromise } from './tasks/task-promise.js';
import type { TasksResource } from './tasks/tasks-resource.js';
import { type CallbackBody, verifyCallback } from './tasks/verify-callback.js';
import { waitForTask } from './tasks/wait-for-task.js';
import { type ResolvedWaitOptions, resolveWaitOptions } from './tasks/wait-options.js';
import { ClientClosed } from './transport/abort-reasons.js';
import { HttpClient, type HttpResponse } from './transport/http-client.js';
import { OwnPool } from './transport/own-pool.js';
import { RateGate } from './transport/rate-gate.js';
import { Router } from './transport/route.js';
import { sendWithRetry } from './transport/send-with-retry.js';
import type { Credits } from './types/credits.js';
import type { CompletedTask, CompletedTaskData, Task } from './types/task.js';
import { VERSION } from './version.js';
import { LazyFiles } from './files/lazy-files.js';
import { resolveMedia } from './files/resolve-media.js';
import type { FilesResource } from './files/types.js';
import { runtimeAcceptsDispatcher } from './transport/runtime.js';
import { createStreamAgent } from './transport/stream-agent.js';
import type { StreamClient } from './transport/stream-client.js';
import { userGlobalDispatcher } from './transport/global-dispatcher.js';
import type { DownloadDestination, DownloadOptions, DownloadResult } from './types/download.js';

const REQUEST_OPTIONS = ['signal', 'timeout', 'maxRetries', 'idempotencyKey', 'extraBody', 'headers', 'onUploadProgress'] as const;

/** A call's options after checking. */
interface CallOptions {
  signal: AbortSignal | undefined;
  timeout: number | undefined;
  maxRetries: number | undefined;
  headers: unknown;
  idempotencyKey: unknown;
  extraBody: Record<string, unknown> | undefined;
  onUploadProgress: RequestOptions['onUploadProgress'];
}

/** What a call without options gets (most calls): nothing to check. */
const NO_CALL_OPTIONS: CallOptions = Object.freeze({
  signal: undefined,
  timeout: undefined,
  maxRetries: undefined,
  headers: undefined,
  idempotencyKey: undefined,
  extraBody: undefined,
  onUploadProgress: undefined,
});

const methodBuilds = new Map<ModelKind, BuildOptions>();

/** A generation method's default model and the models of its kind, listed on first use and then shared by its calls. */
function methodBuild(kind: ModelKind, defaultModel: ModelId): BuildOptions {
  let build = methodBuilds.get(kind);
  if (build === undefined) {
    build = { defaultModel, allowed: modelsOfKind(kind) };
    methodBuilds.set(kind, build);
  }
  return build;
}

/** The build options of a call: the method's own, plus the call's `extraBody` when it has one. */
function withExtraBody(build: BuildOptions, call: CallOptions): BuildOptions {
  return call.extraBody === undefined ? build : { ...build, extraBody: call.extraBody };
}

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
    onUploadProgress: checkFunction('onUploadProgress', o.onUploadProgress as RequestOptions['onUploadProgress']),
  };
}

/**
 * Client for the Wan video models on EvoLink (default) or novita (`provider: 'novita'`). One instance per process is
 * enough: it keeps a keep-alive connection pool and a shared rate-limit backoff.
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
  /**
   * Callback deliveries (`callback_url`). EvoLink does not sign them, so `verify(body)` takes only the task id from
   * the body and returns the task **as the API reports it** — never the posted body. Accepts the raw body (string,
   * Buffer), a parsed object or a Fetch `Request`. See also `createCallbackHandler`.
   * @example const task = await client.callbacks.verify(await request.text());
   */
  readonly callbacks: { verify(body: CallbackBody): Promise<Task> };
  /** EvoLink's files API: `client.files.upload(fileFrom(path))`, `uploadFromUrl(url)`, `quota()`. */
  readonly files: FilesResource;
  readonly #options: ResolvedClientOptions;
  readonly #provider: Provider;
  readonly #defaults: RequestDefaults;
  readonly #http: HttpClient;
  /** Uploads and downloads: streamed bodies, to the files host and result hosts (code loaded on first use). */
  readonly #streams: () => Promise<StreamClient>;
  readonly #files: LazyFiles;
  readonly #clock = systemClock;
  readonly #gate = new RateGate(this.#clock);
  /**
   * Aborted by `close()`: every request and wait of this client watches it. A linked signal (with no sources), so
   * watching it adds no event listener per request.
   */
  readonly #closed = linkSignals([]);
  readonly #log: SdkLogger;
  /** The SDK's own keep-alive pool to the API (it opens connections only when used). */
  readonly #pool: OwnPool;
  /** The SDK's own agent for uploads and downloads (other origins), made on first use. */
  #streamAgent: Promise<{ close(): Promise<void> }> | undefined;
  #closing: Promise<void> | undefined;

  /**
   * @throws {InvalidOptionError} when no usable API key is configured or an option is invalid; nothing is sent.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.#provider = this.#options.provider;
    this.baseURL = this.#options.baseURL;
    this.#log = createLogger(this.#options.logLevel, this.#options.logger, this.#options.apiKey);
    this.#defaults = {
      apiKey: this.#options.apiKey,
      userAgent: `evolink-wan/${VERSION}`,
      headers: this.#options.defaultHeaders,
      noIdempotencyKeys: this.#provider.idempotencyKeys ? undefined : this.#provider.name,
    };
    this.#pool = new OwnPool({
      origin: new URL(this.#options.baseURL).origin,
      maxConnections: this.#options.maxConnections,
      keepAliveTimeout: 10_000,
    });
    // Uploads and downloads go to other origins: through your dispatcher, a global one you installed, or the SDK's agent.
    const getDispatcher = (): unknown => {
      const theirs = this.#options.dispatcher ?? userGlobalDispatcher();
      if (theirs !== undefined || this.#options.fetch !== undefined || !runtimeAcceptsDispatcher()) return theirs;
      this.#streamAgent ??= createStreamAgent();
      return this.#streamAgent;
    };
    this.#http = new HttpClient({
      baseURL: this.#options.baseURL,
      apiKey: this.#options.apiKey,
      router: new Router({ fetch: this.#options.fetch, dispatcher: this.#options.dispatcher }, this.#pool),
      maxResponseBytes: this.#options.maxResponseBytes,
      clock: this.#clock,
      errors: this.#provider.errors,
    });
    this.callbacks = { verify: (body) => verifyCallback(this.tasks, body) };
    let streams: Promise<StreamClient> | undefined;
    this.#streams = () =>
      (streams ??= import('./transport/stream-client.js').then(
        ({ StreamClient }) =>
          new StreamClient({
            fetch: this.#options.fetch,
            getDispatcher,
            clock: this.#clock,
            useUndiciForUploads: this.#options.fetch === undefined && runtimeAcceptsDispatcher(),
            secret: this.#options.apiKey,
            maxResponseBytes: this.#options.maxResponseBytes,
          }),
      ));
    this.#files = new LazyFiles(
      {
        origin: this.#options.filesBaseURL,
        defaults: this.#defaults,
        clock: this.#clock,
        gate: this.#gate,
        policy: this.#options.retry,
        maxRetries: this.#options.maxRetries,
        timeout: this.#options.timeout,
        onRetry: this.#options.onRetry,
        log: this.#log,
        closed: this.#closed.signal,
        refusal:
          this.#provider.id === 'evolink'
            ? undefined
            : `local files are uploaded through EvoLink's files API, which the ${this.#provider.name} key must not be sent to; upload the file where ${this.#provider.name} can fetch it and pass its https:// URL`,
      },
      this.#streams,
    );
    this.files = this.#files;
    this.tasks = {
      get: (taskId, requestOptions) => new ApiPromise(this.#getTask(taskId, requestOptions)),
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
    return this.#submit(params, methodBuild('text-to-video', 'wan2.7-text-to-video'), options);
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
    return this.#submit(params, methodBuild('image-to-video', 'wan2.7-image-to-video'), options);
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
    return this.#submit(params, methodBuild('reference-video', 'wan2.7-reference-video'), options);
  }

  /**
   * Edit a video by instruction: `wan2.7-video-edit` (default).
   * @example
   * ```ts
   * const video = await client.editVideo({ prompt: 'Make it claymation', video_urls: [clip] }).waitForResult();
   * ```
   */
  editVideo(params: EditVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, methodBuild('video-edit', 'wan2.7-video-edit'), options);
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
   * Saves a result to a file path or a stream: a completed task (its `url`, `id` and `expiresAt`) or a result URL.
   * Streamed, resumed with `Range` after a dropped connection, and checked against the announced size. The result host
   * never receives the API key or any SDK header. Same as `completedTask.download(dest, options)`.
   * @throws {ResultExpiredError} the link is past its expiry, or the result host answered 403, 404 or 410
   * @throws {DownloadError} the download did not complete after the resumes allowed
   * @example
   * ```ts
   * const saved = await client.download(video, './out/cat.mp4');
   * console.log(saved.path, saved.bytes, saved.contentType);
   * ```
   */
  async download(source: string | CompletedTaskData, dest: DownloadDestination, options?: DownloadOptions): Promise<DownloadResult> {
    return this.#download(downloadSourceOf(source), dest, options);
  }

  /**
   * Runs many generations through this client with at most `concurrency` in flight, and settles every one: resolves
   * with a result per job (`completed` with its task, or `failed` with its error), never failing fast. Give each job an
   * `idempotencyKey` derived from what you store with it, and a `taskId` once known, to resume after a crash without
   * billing twice.
   * @example
   * ```ts
   * const results = await client.generateMany(
   *   [{ id: 'cat', params: { model: 'wan2.7-text-to-video', prompt: 'A cat playing piano' } }],
   *   { concurrency: 2, onEvent: (e) => console.log(e.job.id, e.type) },
   * );
   * ```
   */
  generateMany<R = undefined>(
    jobs: Iterable<GenerationJob<GenerateParams>>,
    options?: GenerateManyOptions<R, GenerateParams>,
  ): Promise<GenerationResult<R, GenerateParams>[]> {
    return import('./tasks/generate-many.js').then(({ generateMany }) =>
      generateMany({ submit: (params, call) => this.generate(params, call), wait: (id, wait) => this.tasks.wait(id, wait) }, jobs, options),
    );
  }

  /**
   * Closes the client: requests and waits in flight end at once with `ClientClosedError` (tasks keep running on the
   * server; resume them by id from another client), later calls reject the same way without sending, and the SDK's
   * own connection pool is closed (not a dispatcher you passed in), so the process can exit. Safe to call twice.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed.abort(new ClientClosed());
      await Promise.all([this.#pool.close(), (async () => (await this.#streamAgent)?.close())()]);
    })();
    return this.#closing;
  }

  /**
   * The credits left and used, for the API key (`token`) and the account (`user`): `GET /v1/credits`.
   * @example
   * ```ts
   * const { token } = await client.credits();
   * console.log(token.remaining_credits);
   * ```
   */
  credits(options?: RequestOptions): ApiPromise<Credits> {
    return new ApiPromise(
      (async () => {
        const credits = this.#provider.credits;
        if (!credits) throw new EvoLinkError(`${this.#provider.name} does not report credits through its API.`);
        const call = checkRequestOptions(options);
        const response = await this.#send(buildRequest(credits.request(), this.#defaults, call), call);
        const data = credits.parse(response.data);
        if (!data) {
          throw new InvalidResponseError('The credits answer has no data.token / data.user; the API may have changed.', {
            status: response.status,
            requestId: response.requestId,
            reason: 'invalid_shape',
          });
        }
        return { data: withRequestId(data, response.requestId), response: info(response) };
      })(),
    );
  }

  #submit(params: unknown, build: BuildOptions, options: unknown): TaskPromise {
    const start = async (control: SubmissionControl): Promise<WithResponse<Task>> => {
      const call = checkRequestOptions(options);
      const spec = this.#createPlain(params, build, call) ?? (await this.#createWithMedia(params, build, call, control));
      const request = buildRequest(spec, this.#defaults, call);
      const response = await this.#send(request, call, control.signal, control.deadline);
      const context = {
        status: response.status,
        requestId: response.requestId,
        idempotencyKey: request.idempotencyKey,
        receivedAt: this.#clock.now(),
      };
      const task = this.#provider.parseCreated(response.data, context);
      if (this.#log.enabled('info')) {
        this.#log.info(`Task ${task.id} created`, {
          taskId: task.id,
          model: task.model ?? (spec.body as { model?: unknown } | undefined)?.model,
          creditsReserved: task.usage?.credits_reserved,
          billingRule: task.usage?.billing_rule,
          requestId: response.requestId,
          idempotencyKey: request.idempotencyKey,
        });
      }
      return { data: task, response: info(response) };
    };
    return new TaskPromise(start, (task, wait) => this.#wait(task.id, wait, task), this.#clock);
  }

  /**
   * The create of parameters holding only plain values (no local media, no `URL` objects), validated as they are: the
   * media resolver would leave them unchanged. `undefined` when they may hold media, or when validation failed: the
   * resolver adds a `fileFrom(…)` hint to the error when a media field holds a path, so the full way builds the error.
   */
  #createPlain(params: unknown, build: BuildOptions, call: CallOptions): RequestSpec | undefined {
    if (mayHoldMediaObjects(params)) return undefined;
    try {
      return this.#provider.createTask(params, withExtraBody(build, call));
    } catch (error) {
      if (error instanceof ValidationError) return undefined;
      throw error;
    }
  }

  /** The create of parameters that may hold local media: uploaded first (after validation), then sent as URLs. */
  async #createWithMedia(params: unknown, build: BuildOptions, call: CallOptions, control: SubmissionControl): Promise<RequestSpec> {
    const uploads = linkSignals([call.signal, control.signal, this.#closed.signal]);
    const resolved = await resolveMedia(params, {
      files: () => this.#files.api(),
      defaultModel: build.defaultModel,
      validate: (placeholders) => this.#provider.createTask(placeholders, withExtraBody(build, call)),
      concurrency: this.#options.maxConcurrentUploads,
      signal: uploads.signal,
      onProgress: call.onUploadProgress,
    }).finally(uploads.cleanup);
    return this.#provider.createTask(resolved, withExtraBody(build, call));
  }

  async #getTask(
    taskId: unknown,
    options?: unknown,
    wait?: { signal: AbortSignal; deadline: number | undefined },
  ): Promise<WithResponse<Task>> {
    const call = checkRequestOptions(options);
    const spec: RequestSpec = this.#provider.getTask(taskId);
    const request = buildRequest(spec, this.#defaults, call);
    // Inside a wait, a poll is retried for as long as the wait's deadline allows.
    const response = wait
      ? await this.#send(request, { ...call, maxRetries: Number.POSITIVE_INFINITY }, wait.signal, () => wait.deadline)
      : await this.#send(request, call);
    const context = {
      status: response.status,
      requestId: response.requestId,
      taskId: spec.taskId,
      expectedId: spec.taskId,
      receivedAt: this.#clock.now(),
    };
    const task = this.#provider.parseTask(response.data, context);
    return { data: task, response: info(response) };
  }

  async #wait(taskId: string, wait: ResolvedWaitOptions, initial?: Task): Promise<CompletedTask> {
    const getTask = async (id: string, poll: { signal: AbortSignal; deadline: number | undefined }) =>
      (await this.#getTask(id, undefined, poll)).data;
    let task: CompletedTaskData;
    try {
      task = await waitForTask(getTask, taskId, { ...wait, stop: this.#closed.signal }, this.#clock, initial);
    } catch (error) {
      if (error instanceof TaskFailedError) {
        this.#log.info(`Task ${taskId} ${error.status}`, { taskId, status: error.status, code: error.code, retryable: error.retryable });
      }
      throw error;
    }
    this.#log.info(`Task ${taskId} completed`, {
      taskId,
      results: task.results.length,
      expiresAt: task.expiresAt.toISOString(),
      requestId: task.requestId,
    });
    // A method, not data: left out of JSON and spreads like the rest of the SDK's behaviour.
    return Object.defineProperty(task, 'download', {
      value: (dest: DownloadDestination, options?: DownloadOptions) => this.#download(completedDownloadSource(task), dest, options),
      enumerable: false,
    }) as CompletedTask;
  }

  async #download(
    source: ReturnType<typeof downloadSourceOf>,
    dest: DownloadDestination,
    options: DownloadOptions | undefined,
  ): Promise<DownloadResult> {
    const target = checkDestination(dest);
    const settings = checkDownloadOptions(options);
    // The download code and the stream transport load on the first download, not when the SDK is imported.
    const [{ download }, streams] = await Promise.all([import('./download/download.js'), this.#streams()]);
    return download(source, target, settings, {
      open: (url, headers, signal) => streams.open(url, headers, signal),
      clock: this.#clock,
      policy: this.#options.retry,
      closed: this.#closed.signal,
      timeout: this.#options.timeout,
      log: this.#log,
    });
  }

  #send(
    request: ReturnType<typeof buildRequest>,
    call: Pick<CallOptions, 'signal' | 'timeout' | 'maxRetries'>,
    extraSignal?: AbortSource,
    deadline?: () => number | undefined,
  ): Promise<HttpResponse> {
    // Two signals are linked only when both are given (rare); the client's close goes alongside, unlinked.
    const linked = call.signal !== undefined && extraSignal !== undefined ? linkSignals([call.signal, extraSignal]) : undefined;
    const sent = sendWithRetry(this.#http, request, {
      maxRetries: call.maxRetries ?? this.#options.maxRetries,
      timeout: call.timeout ?? this.#options.timeout,
      signal: linked?.signal ?? call.signal ?? extraSignal,
      stop: this.#closed.signal,
      deadline,
      policy: this.#options.retry,
      gate: this.#gate,
      clock: this.#clock,
      onRetry: this.#options.onRetry,
      log: this.#log,
    });
    // Not an async function: most calls link nothing, and skip a promise and frame of their own.
    return linked ? sent.finally(linked.cleanup) : sent;
  }
}

function info(response: HttpResponse): WithResponse<never>['response'] {
  return { status: response.status, headers: response.headers, requestId: response.requestId };
}
