import { checkDestination, checkDownloadOptions, completedDownloadSource, downloadSourceOf } from './client-download.js';
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './client-options.js';
import { Budget, type BudgetHold } from './cost/budget.js';
import { type CostEstimate, estimateFrom } from './cost/estimate.js';
import type { DownloadDestination, DownloadOptions, DownloadResult } from './download/types.js';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  ClientClosedError,
  EvoLinkError,
  InvalidResponseError,
  TaskFailedError,
  ValidationError,
} from './errors/index.js';
import { LazyFiles } from './files/lazy-files.js';
import { measureMedia, resolveMedia } from './files/resolve-media.js';
import type { FilesResource, PreparedMedia } from './files/types.js';
import { type AbortSource, linkSignals } from './internal/abort.js';
import { systemClock } from './internal/clock.js';
import { isRecord } from './internal/is-record.js';
import { createLogger, type SdkLogger } from './internal/logger.js';
import type { CallSpan, Tracing } from './internal/spans.js';
import { TRACER_OF_CLIENT, traced } from './internal/tracing.js';
import { mayHoldMediaObjects } from './media/fields.js';
import { promptReferenceWarnings } from './media/prompt-refs.js';
import type { MediaSource } from './media/source.js';
import type { EditVideoParams, GenerateParams, ImageToVideoParams, ReferenceToVideoParams, TextToVideoParams } from './methods.js';
import type { ModelKind } from './models/define-model.js';
import { type ModelId, modelsOfKind } from './models/registry.js';
import { PROVIDERS } from './providers/index.js';
import type { Credits, Provider } from './providers/provider.js';
import { withRequestId } from './providers/task-shape.js';
import type { BuildOptions } from './request/build-generation.js';
import { type PreparedRequest, type RequestDefaults, type RequestSpec, buildRequest } from './request/build-request.js';
import { type CallOptions, checkRequestOptions, type RequestOptions } from './request-options.js';
import { ApiPromise, type WithResponse } from './tasks/api-promise.js';
import { DurationHistory, type KindHistory } from './tasks/duration-history.js';
import type { GenerateManyOptions, GenerationJob, GenerationResult } from './tasks/generate-many.js';
import type { CompletedTask, CompletedTaskData, Task } from './tasks/task.js';
import { type SubmissionControl, TaskPromise } from './tasks/task-promise.js';
import type { TasksResource } from './tasks/tasks-resource.js';
import { isTerminal } from './tasks/parse-task.js';
import { type CallbackBody, verifyCallback } from './tasks/verify-callback.js';
import { waitForTask } from './tasks/wait-for-task.js';
import { type ResolvedWaitOptions, resolveWaitOptions } from './tasks/wait-options.js';
import { ClientClosed } from './transport/attempt-abort.js';
import type { HttpResponse } from './transport/http-client.js';
import { createTransport } from './transport/platform.js';
import { RateGate, sendWithRetry } from './transport/send-with-retry.js';
import type { Transport } from './transport/transport.js';
import { VERSION } from './version.js';

/** The model each generation method uses when `params.model` is omitted. */
const DEFAULT_MODELS = {
  'text-to-video': 'wan2.7-text-to-video',
  'image-to-video': 'wan2.7-image-to-video',
  'reference-video': 'wan2.7-reference-video',
  'video-edit': 'wan2.7-video-edit',
} as const satisfies Record<ModelKind, ModelId>;

const methodBuilds = new Map<ModelKind, BuildOptions>();

/** A generation method's default model and the models of its kind, listed on first use and then shared by its calls. */
function methodBuild(kind: ModelKind | undefined): BuildOptions {
  if (kind === undefined) return {};
  let build = methodBuilds.get(kind);
  if (build === undefined) {
    build = { defaultModel: DEFAULT_MODELS[kind], allowed: modelsOfKind(kind) };
    methodBuilds.set(kind, build);
  }
  return build;
}

/** The model a call asks for: `params.model`, else its method's default (`undefined` for `generate` without one). */
function modelAsked(params: unknown, build: BuildOptions): unknown {
  return (isRecord(params) ? params.model : undefined) ?? build.defaultModel;
}

/** The build options of a call: the method's own, plus the call's `extraBody` when it has one. */
function withExtraBody(build: BuildOptions, call: CallOptions): BuildOptions {
  return call.extraBody === undefined ? build : { ...build, extraBody: call.extraBody };
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
  readonly #clock = systemClock;
  readonly #log: SdkLogger;
  /** The `tracer` option and the key its spans must never hold; `undefined` without a tracer. */
  readonly #tracing: Tracing | undefined;
  /** The gateway: how its requests are built and its answers read (`providers/`). */
  readonly #provider: Provider;
  /** What every request of this client carries: the key, the user agent, `defaultHeaders`. */
  readonly #defaults: RequestDefaults;
  /**
   * The way to the network: undici's pool on Node.js, fetch on the edge build (`transport/platform.ts`). Its pool
   * opens a socket on the first request, so a client that is never used opens nothing.
   */
  readonly #transport: Transport;
  /** The client-wide pause after a 429, shared by every request and poll. */
  readonly #gate = new RateGate(this.#clock);
  /**
   * Aborted by `close()`: every request and wait of this client watches it. A linked signal (with no sources), so
   * watching it adds no event listener per request.
   */
  readonly #closed = linkSignals([]);
  #closing: Promise<void> | undefined;
  /** Uploads: EvoLink's files API, its code and the stream transport loaded on the first upload. */
  readonly #files: LazyFiles;
  /** The `budget` option's limits and totals, when set. */
  readonly #budget: Budget | undefined;
  /** Budget reservations of tasks this client created, given back if the task fails where failures are not billed. */
  readonly #holds = new Map<string, BudgetHold>();
  /** How long this client's tasks of each kind took: the wait schedule's prior (see `DurationHistory`). */
  readonly #durations = new DurationHistory();

  /**
   * Checks the options, then composes the client once: provider → request defaults → transport → files, tasks.
   * @throws {InvalidOptionError} when no usable API key is configured or an option is invalid; nothing is sent.
   */
  constructor(options: ClientOptions = {}) {
    const o = resolveClientOptions(options);
    this.#options = o;
    this.baseURL = o.baseURL;
    // For createCallbackHandler({ client }); non-enumerable, so inspecting the client does not print the tracer.
    if (o.tracer) Object.defineProperty(this, TRACER_OF_CLIENT, { value: o.tracer });
    this.#provider = PROVIDERS[o.provider.id];
    this.#log = createLogger(o.logLevel, o.logger, o.apiKey);
    this.#tracing = o.tracer && { tracer: o.tracer, secret: o.apiKey, system: o.provider.id };
    this.#budget = o.budget && new Budget(o.budget, () => this.#clock.now());
    this.#defaults = {
      apiKey: o.apiKey,
      userAgent: `evolink-wan/${VERSION}`,
      headers: o.defaultHeaders,
      noIdempotencyKeys: this.#provider.idempotencyKeys ? undefined : this.#provider.name,
    };
    this.#transport = createTransport({
      baseURL: o.baseURL,
      apiKey: o.apiKey,
      maxResponseBytes: o.maxResponseBytes,
      clock: this.#clock,
      errors: this.#provider.errors,
      fetch: o.fetch,
      dispatcher: o.dispatcher,
      maxConnections: o.maxConnections,
    });
    this.#files = new LazyFiles(
      {
        origin: o.filesBaseURL,
        defaults: this.#defaults,
        clock: this.#clock,
        gate: this.#gate,
        policy: o.retry,
        maxRetries: o.maxRetries,
        timeout: o.timeout,
        onRetry: o.onRetry,
        log: this.#log,
        tracing: this.#tracing,
        closed: this.#closed.signal,
        refusal:
          this.#provider.id === 'evolink'
            ? undefined
            : `local files are uploaded through EvoLink's files API, which the ${this.#provider.name} key must not be sent to; upload the file where ${this.#provider.name} can fetch it and pass its https:// URL`,
      },
      () => this.#transport.streams(),
    );
    // Plain objects of arrow functions, so a method taken off them (`const { wait } = client.tasks`) still works.
    const files = this.#files;
    this.files = {
      upload: (input, uploadOptions) => files.upload(input, uploadOptions),
      uploadFromUrl: (url, uploadOptions) => files.uploadFromUrl(url, uploadOptions),
      quota: (quotaOptions) => files.quota(quotaOptions),
    };
    this.tasks = {
      get: (taskId, requestOptions) => new ApiPromise(this.#getTask(taskId, requestOptions)),
      wait: async (taskId, waitOptions) => {
        const wait = resolveWaitOptions(waitOptions, this.#clock.now());
        return this.#wait(this.#provider.getTask(taskId).taskId!, wait);
      },
    };
    this.callbacks = { verify: (body) => verifyCallback(this.tasks, body) };
  }

  /**
   * Text to video: `wan2.7-text-to-video` (default) or `wan2.6-text-to-video`.
   * @example
   * ```ts
   * const video = await client.textToVideo({ prompt: 'A kitten running under the moonlight', duration: 5 }).waitForResult();
   * ```
   */
  textToVideo(params: TextToVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, methodBuild('text-to-video'), options);
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
    return this.#submit(params, methodBuild('image-to-video'), options);
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
    return this.#submit(params, methodBuild('reference-video'), options);
  }

  /**
   * Edit a video by instruction: `wan2.7-video-edit` (default).
   * @example
   * ```ts
   * const video = await client.editVideo({ prompt: 'Make it claymation', video_urls: [clip] }).waitForResult();
   * ```
   */
  editVideo(params: EditVideoParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, methodBuild('video-edit'), options);
  }

  /**
   * Any supported model, chosen by `params.model` (required). Parameters are checked against that model.
   * @example
   * ```ts
   * const video = await client.generate({ model: 'wan2.6-text-to-video', prompt: 'A cat playing piano' }).waitForResult();
   * ```
   */
  generate(params: GenerateParams, options?: RequestOptions): TaskPromise {
    return this.#submit(params, methodBuild(undefined), options);
  }

  /**
   * What a request will cost, before anything is uploaded or created: billed seconds by the model's documented rules
   * (reference and edit clips included), and USD where a price is documented (wan2.7) or configured (`prices`).
   * Invalid parameters throw the same `ValidationError` a create would. Nothing is sent. See docs/cost.md.
   * @example
   * ```ts
   * const { billedSeconds, usd } = await client.estimateCost({ model: 'wan2.7-text-to-video', prompt: 'A cat', duration: 10 });
   * // 10 s, $0.86
   * ```
   */
  async estimateCost(params: GenerateParams, options?: RequestOptions): Promise<CostEstimate> {
    return this.#estimate(params, methodBuild(undefined), checkRequestOptions(options));
  }

  /**
   * The parameters that will be sent, with every piece of local media (`fileFrom(path)`, a `File`, bytes) checked and
   * uploaded, and what was uploaded — without creating a task. Validated as a create would be (a `ValidationError`
   * before anything is uploaded). Use it to upload once and create later or elsewhere: the returned `params` hold
   * URLs only, valid until the earliest `uploads[i].file.expiresAt` (72 hours), so a job queue can store them and a
   * worker on another machine needs nothing local.
   * @example
   * ```ts
   * const { params, uploads } = await client.prepareMedia({ model: 'wan2.7-image-to-video', image_start: fileFrom('./cat.jpg') });
   * console.log(uploads[0]?.field, uploads[0]?.file.url); // image_start https://files.evolink.ai/…
   * const video = await client.generate(params).waitForResult();
   * ```
   */
  async prepareMedia(params: GenerateParams, options?: RequestOptions): Promise<PreparedMedia<GenerateParams>> {
    const call = checkRequestOptions(options);
    const build = methodBuild(undefined);
    const resolved = await this.#resolveMedia(params, build, call, undefined);
    this.#provider.createTask(resolved.params, withExtraBody(build, call)); // validates what will be sent
    return resolved as PreparedMedia<GenerateParams>;
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
  async generateMany<R = undefined>(
    jobs: Iterable<GenerationJob<GenerateParams>>,
    options?: GenerateManyOptions<R, GenerateParams>,
  ): Promise<GenerationResult<R, GenerateParams>[]> {
    const { generateMany } = await import('./tasks/generate-many.js');
    return generateMany(
      { submit: (params, call) => this.#submit(params, methodBuild(undefined), call), wait: (id, wait) => this.tasks.wait(id, wait) },
      jobs,
      options,
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
      await this.#transport.close();
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
    return new ApiPromise(this.#credits(options));
  }

  async #credits(options: unknown): Promise<WithResponse<Credits>> {
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
  }

  #submit(params: unknown, build: BuildOptions, options: unknown): TaskPromise {
    const start = (control: SubmissionControl): Promise<WithResponse<Task>> =>
      traced(this.#tracing, 'evolink.create', {}, (span) => this.#create(params, build, options, control, span));
    // novita's answers name no model: the one asked for names the kind for the wait's history.
    const model = modelAsked(params, build);
    const wait = (task: Task, options: ResolvedWaitOptions) => this.#wait(task.id, options, task, { params, model });
    return new TaskPromise(start, wait, this.#clock);
  }

  /** One create, from the options to the parsed task (inside the `evolink.create` span when tracing). */
  async #create(
    params: unknown,
    build: BuildOptions,
    options: unknown,
    control: SubmissionControl,
    span: CallSpan | undefined,
  ): Promise<WithResponse<Task>> {
    const call = checkRequestOptions(options);
    // The budget refuses before anything is uploaded or sent; a create that surely made no task gives it back.
    const budgeted = this.#budget && (await this.#reserve(this.#budget, params, build, call));
    let request: PreparedRequest;
    let spec: RequestSpec;
    let response: HttpResponse;
    try {
      spec = this.#createPlain(params, build, call) ?? (await this.#createWithMedia(params, build, call, control));
      this.#warnAboutPrompt(params, build);
      request = buildRequest(spec, this.#defaults, span ? { ...call, trace: span.traceHeaders() } : call);
      span?.http(spec.method, `${this.#options.baseURL}${spec.path}`);
      span?.set({
        'gen_ai.request.model': String(modelAsked(params, build)),
        'evolink.idempotency_key': request.idempotencyKey,
      });
      response = await this.#send(request, call, control.signal, control.deadline, span);
    } catch (error) {
      if (budgeted && !mayHaveCreatedTask(error)) await budgeted.hold.release();
      throw error;
    }
    const context = {
      status: response.status,
      requestId: response.requestId,
      idempotencyKey: request.idempotencyKey,
      receivedAt: this.#clock.now(),
    };
    const task = this.#provider.parseCreated(response.data, context);
    const model = task.model ?? (spec.body as { model?: unknown } | undefined)?.model;
    span?.set({
      'http.response.status_code': response.status,
      'evolink.task.id': task.id,
      'gen_ai.response.id': task.id,
      'gen_ai.response.model': task.model,
      'evolink.model': typeof model === 'string' ? model : undefined,
      'evolink.credits_reserved': task.usage?.credits_reserved,
    });
    if (budgeted && !budgeted.estimate.failedTasksBilled) this.#holds.set(task.id, budgeted.hold);
    if (this.#log.enabled('info')) {
      // The SDK's estimate beside the gateway's reservation, so that a drift in prices or rules shows.
      const estimate = budgeted?.estimate ?? (await this.#quietEstimate(params, build, call));
      this.#log.info(`Task ${task.id} created`, {
        taskId: task.id,
        model,
        creditsReserved: task.usage?.credits_reserved,
        estimatedSeconds: estimate?.billedSeconds,
        estimatedUsd: estimate?.usd,
        billingRule: task.usage?.billing_rule,
        requestId: response.requestId,
        idempotencyKey: request.idempotencyKey,
      });
    }
    return { data: task, response: info(response) };
  }

  /**
   * The create of parameters holding only plain values (no local media, no `URL` objects), validated as they are: the
   * media resolver would leave them unchanged. `undefined` when they may hold media, or when validation failed: the
   * resolver adds a `fileFrom(…)` hint to the error when a media field holds a path, so the full way builds the error.
   */
  #createPlain(params: unknown, build: BuildOptions, call: CallOptions): RequestSpec | undefined {
    if (mayHoldMediaObjects(params) || (call.checkRemoteMedia ?? this.#options.checkRemoteMedia)) return undefined;
    try {
      return this.#provider.createTask(params, withExtraBody(build, call));
    } catch (error) {
      if (error instanceof ValidationError) return undefined;
      throw error;
    }
  }

  /** The create of parameters that may hold local media: uploaded first (after validation), then sent as URLs. */
  async #createWithMedia(params: unknown, build: BuildOptions, call: CallOptions, control: SubmissionControl): Promise<RequestSpec> {
    const resolved = await this.#resolveMedia(params, build, call, control.signal);
    return this.#provider.createTask(resolved.params, withExtraBody(build, call));
  }

  /** Local media of a call checked and uploaded (after the parameters are validated), watched by every signal of the call. */
  async #resolveMedia(
    params: unknown,
    build: BuildOptions,
    call: CallOptions,
    signal: AbortSource | undefined,
  ): Promise<PreparedMedia<unknown>> {
    const uploads = linkSignals([call.signal, signal, this.#closed.signal]);
    return resolveMedia(params, {
      files: () => this.#files.api(),
      defaultModel: build.defaultModel,
      validate: (placeholders) => this.#provider.createTask(placeholders, withExtraBody(build, call)),
      concurrency: this.#options.maxConcurrentUploads,
      signal: uploads.signal,
      onProgress: call.onUploadProgress,
      log: this.#log,
      remote: await this.#remoteMedia(call, uploads.signal),
    }).finally(uploads.cleanup);
  }

  /** The estimate of a call: validated as its create would be (local media as placeholders), nothing sent. */
  async #estimate(params: unknown, build: BuildOptions, call: CallOptions): Promise<CostEstimate> {
    const validate = (p: unknown) => this.#provider.createTask(p, withExtraBody(build, call));
    // Local clips are measured (their containers read, nothing uploaded): their lengths make the estimate exact.
    const remote = await this.#remoteMedia(call, call.signal);
    const clips = await measureMedia(params, { defaultModel: build.defaultModel, validate, log: this.#log, remote });
    const given = params as Record<string, unknown>;
    const model = modelAsked(given, build) as ModelId;
    const estimate = estimateFrom(
      { model, params: given, clipSeconds: clips },
      { prices: this.#options.prices, provider: this.#provider.id },
    );
    return { ...estimate, warnings: promptReferenceWarnings(model, this.#provider.id, given) };
  }

  /**
   * The reader of remote media URLs when this call checks them (`checkRemoteMedia`, the call's or the client's):
   * credential-free ranged GETs (and a HEAD where it serves) through the stream transport, within the call's timeout (at most 10 s per URL).
   */
  async #remoteMedia(call: CallOptions, signal: AbortSignal | undefined): Promise<((url: string) => MediaSource) | undefined> {
    if (!(call.checkRemoteMedia ?? this.#options.checkRemoteMedia)) return undefined;
    const { REMOTE_MAX_MS, remoteSource } = await import('./files/remote-media.js');
    const timeout = Math.min(call.timeout ?? this.#options.timeout, REMOTE_MAX_MS);
    const open = async (url: string, headers: Record<string, string>, s: AbortSignal, method?: 'GET' | 'HEAD') =>
      (await this.#transport.streams()).open(url, headers, s, method);
    return (url) => remoteSource(url, { open, clock: this.#clock, timeout, signal });
  }

  /** Logs, at `warn`, the materials a valid reference prompt names that do not exist (or in the other provider's naming). */
  #warnAboutPrompt(params: unknown, build: BuildOptions): void {
    if (!this.#log.enabled('warn') || !isRecord(params)) return;
    const model = String(modelAsked(params, build));
    for (const warning of promptReferenceWarnings(model, this.#provider.id, params)) this.#log.warn(warning, { model });
  }

  /** The estimate for the create's log line; `undefined` where there is none to give (never an error: the task exists). */
  async #quietEstimate(params: unknown, build: BuildOptions, call: CallOptions): Promise<CostEstimate | undefined> {
    return this.#estimate(params, build, call).catch(() => undefined);
  }

  /** Estimates the call and reserves it against the budget, or throws `BudgetExceededError` (or `ValidationError`). */
  async #reserve(
    budget: Budget,
    params: unknown,
    build: BuildOptions,
    call: CallOptions,
  ): Promise<{ estimate: CostEstimate; hold: BudgetHold }> {
    const estimate = await this.#estimate(params, build, call);
    return { estimate, hold: await budget.reserve(estimate, call.tag) };
  }

  async #getTask(
    taskId: unknown,
    options?: unknown,
    wait?: { signal: AbortSignal; deadline: number | undefined },
    span?: CallSpan,
  ): Promise<WithResponse<Task>> {
    const call = checkRequestOptions(options);
    const spec: RequestSpec = this.#provider.getTask(taskId);
    const request = buildRequest(spec, this.#defaults, span ? { ...call, trace: span.traceHeaders() } : call);
    span?.http(spec.method, `${this.#options.baseURL}${spec.path}`);
    // Inside a wait, a poll is retried for as long as the wait's deadline allows.
    const response = wait
      ? await this.#send(request, { ...call, maxRetries: Number.POSITIVE_INFINITY }, wait.signal, () => wait.deadline, span)
      : await this.#send(request, call);
    span?.set({ 'http.response.status_code': response.status });
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

  /**
   * The one wait of the client (`waitForResult()`, `client.tasks.wait()`), in an `evolink.wait` span when tracing.
   * `created`: the create's params and model, naming the kind of task whose durations the schedule learns from (none:
   * resumed by id, where the answers' model names it, when they name one).
   */
  #wait(taskId: string, wait: ResolvedWaitOptions, initial?: Task, created?: { params: unknown; model: unknown }): Promise<CompletedTask> {
    const history = (task: Task) => this.#durations.forTask(task.model ?? created?.model, created?.params);
    return traced(this.#tracing, 'evolink.wait', { 'evolink.task.id': taskId }, (span) =>
      this.#waitFor(taskId, { ...wait, history }, initial, span),
    );
  }

  async #waitFor(
    taskId: string,
    wait: ResolvedWaitOptions & { history: (task: Task) => KindHistory | undefined },
    initial: Task | undefined,
    span: CallSpan | undefined,
  ): Promise<CompletedTask> {
    let polls = 0;
    /** When the last read that found the task unfinished was sent: the finish happened after it. */
    let unfinishedAt: number | undefined;
    const getTask = async (id: string, poll: { signal: AbortSignal; deadline: number | undefined }): Promise<Task> => {
      const sentAt = this.#clock.now();
      const attributes = { 'evolink.task.id': id, 'evolink.poll': ++polls };
      const task = await traced(this.#tracing, 'evolink.poll', attributes, async (pollSpan) => {
        const { data } = await this.#getTask(id, undefined, poll, pollSpan);
        pollSpan?.set({ 'evolink.task.status': data.status, 'evolink.task.progress': data.progress });
        return data;
      });
      if (!isTerminal(task)) unfinishedAt = sentAt;
      else if (unfinishedAt !== undefined) span?.set({ 'evolink.detection_delay_ms': this.#clock.now() - unfinishedAt });
      span?.set({ 'evolink.poll_count': polls, 'evolink.task.status': task.status });
      return task;
    };
    let task: CompletedTaskData;
    try {
      task = await waitForTask(getTask, taskId, { ...wait, stop: this.#closed.signal }, this.#clock, initial);
    } catch (error) {
      if (error instanceof TaskFailedError) {
        // Failed tasks of reference-video, video-edit and wan3.0 are not billed: their reservation goes back.
        await this.#holds.get(taskId)?.release();
        this.#holds.delete(taskId);
        this.#log.info(`Task ${taskId} ${error.status}`, { taskId, status: error.status, code: error.code, retryable: error.retryable });
      }
      throw error;
    }
    this.#holds.delete(taskId);
    // Fields are built only when the line is written.
    if (this.#log.enabled('info')) {
      this.#log.info(`Task ${taskId} completed`, {
        taskId,
        results: task.results.length,
        expiresAt: task.expiresAt.toISOString(),
        requestId: task.requestId,
      });
    }
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
    const [{ download }, streams] = await Promise.all([import('./download/download.js'), this.#transport.streams()]);
    // The result host gets no trace header: the span only records the link, without its signed query.
    return traced(this.#tracing, 'evolink.download', { 'evolink.task.id': source.taskId }, async (span) => {
      span?.http('GET', source.url);
      const result = await download(source, target, settings, {
        open: (url, headers, signal) => streams.open(url, headers, signal),
        clock: this.#clock,
        policy: this.#options.retry,
        closed: this.#closed.signal,
        timeout: this.#options.timeout,
        log: this.#log,
      });
      span?.set({ 'evolink.download.bytes': result.bytes, 'evolink.download.content_type': result.contentType });
      return result;
    });
  }

  #send(
    request: PreparedRequest,
    call: Pick<CallOptions, 'signal' | 'timeout' | 'maxRetries'>,
    extraSignal?: AbortSource,
    deadline?: () => number | undefined,
    span?: CallSpan,
  ): Promise<HttpResponse> {
    // Two signals are linked only when both are given (rare); the client's close goes alongside, unlinked.
    const linked = call.signal !== undefined && extraSignal !== undefined ? linkSignals([call.signal, extraSignal]) : undefined;
    const sent = sendWithRetry(this.#transport.http, request, {
      maxRetries: call.maxRetries ?? this.#options.maxRetries,
      timeout: call.timeout ?? this.#options.timeout,
      signal: linked?.signal ?? call.signal ?? extraSignal,
      stop: this.#closed.signal,
      deadline,
      policy: this.#options.retry,
      gate: this.#gate,
      clock: this.#clock,
      onRetry: span ? span.countRetries(this.#options.onRetry) : this.#options.onRetry,
      log: this.#log,
    });
    // Not an async function: most calls link nothing, and skip a promise and frame of their own.
    return linked ? sent.finally(linked.cleanup) : sent;
  }
}

/**
 * `false` when a failed create surely made no task (refused before sending, or answered with a client error), so its
 * budget reservation can be given back; `true` where the outcome is unknown (in flight, 5xx, 409, a garbled answer).
 */
function mayHaveCreatedTask(error: unknown): boolean {
  if (error instanceof APIConnectionError || error instanceof APIUserAbortError || error instanceof ClientClosedError) {
    return error.mayHaveReachedServer;
  }
  if (error instanceof APIError) return error.status >= 500 || error.status === 409;
  if (error instanceof InvalidResponseError) return true;
  return !(error instanceof EvoLinkError);
}

function info(response: HttpResponse): WithResponse<never>['response'] {
  return { status: response.status, headers: response.headers, requestId: response.requestId };
}
