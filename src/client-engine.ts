import type { ResolvedClientOptions } from './client-options.js';
import { checkDestination, checkDownloadOptions, completedDownloadSource, downloadSourceOf } from './client-download.js';
import { Budget, type BudgetHold } from './cost/budget.js';
import { type CostEstimate, estimateFrom } from './cost/estimate.js';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  ClientClosedError,
  EvoLinkError,
  InvalidOptionError,
  InvalidResponseError,
  TaskFailedError,
  ValidationError,
} from './errors/index.js';
import { type AbortSource, type LinkedSignal, linkSignals } from './internal/abort.js';
import { checkBoolean, checkFunction, checkNumber, checkOptionsObject, checkSignal, checkString } from './internal/check-option.js';
import { systemClock } from './internal/clock.js';
import { createLogger, type SdkLogger } from './internal/logger.js';
import { traced } from './internal/tracing.js';
import { isRecord } from './internal/is-record.js';
import type { GenerateParams } from './methods.js';
import { mayHoldMediaObjects } from './media/fields.js';
import type { ModelKind } from './models/define-model.js';
import { type ModelId, modelsOfKind } from './models/registry.js';
import { PROVIDERS } from './providers/index.js';
import type { Provider, Credits } from './providers/provider.js';
import type { BuildOptions } from './request/build-generation.js';
import { type RequestDefaults, type RequestSpec, buildRequest } from './request/build-request.js';
import type { RequestOptions } from './request-options.js';
import { ApiPromise, type WithResponse } from './tasks/api-promise.js';
import { withRequestId } from './providers/task-shape.js';
import type { GenerateManyOptions, GenerationJob, GenerationResult } from './tasks/generate-many.js';
import { type SubmissionControl, TaskPromise } from './tasks/task-promise.js';
import type { TasksResource } from './tasks/tasks-resource.js';
import { isTerminal } from './tasks/terminal.js';
import { waitForTask } from './tasks/wait-for-task.js';
import { DurationHistory, type KindHistory } from './tasks/duration-history.js';
import { type ResolvedWaitOptions, resolveWaitOptions } from './tasks/wait-options.js';
import { ClientClosed } from './transport/attempt-abort.js';
import type { HttpResponse } from './transport/http-client.js';
import { createTransport } from './transport/platform.js';
import { RateGate, sendWithRetry } from './transport/send-with-retry.js';
import type { CallSpan, Tracing } from './internal/spans.js';
import type { CompletedTask, CompletedTaskData, Task } from './tasks/task.js';
import { VERSION } from './version.js';
import { LazyFiles } from './files/lazy-files.js';
import { measureMedia, resolveMedia } from './files/resolve-media.js';
import { promptReferenceWarnings } from './media/prompt-refs.js';
import type { MediaSource } from './media/source.js';
import type { FilesResource, PreparedMedia } from './files/types.js';
import type { StreamClient } from './transport/stream-client.js';
import type { Transport } from './transport/transport.js';
import type { DownloadDestination, DownloadOptions, DownloadResult } from './download/types.js';

const REQUEST_OPTIONS = [
  'signal',
  'timeout',
  'maxRetries',
  'idempotencyKey',
  'extraBody',
  'headers',
  'onUploadProgress',
  'tag',
  'checkRemoteMedia',
] as const;

/** A call's options after checking. */
interface CallOptions {
  signal: AbortSignal | undefined;
  timeout: number | undefined;
  maxRetries: number | undefined;
  headers: unknown;
  idempotencyKey: unknown;
  extraBody: Record<string, unknown> | undefined;
  onUploadProgress: RequestOptions['onUploadProgress'];
  tag: string | undefined;
  checkRemoteMedia: boolean | undefined;
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
  tag: undefined,
  checkRemoteMedia: undefined,
});

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
    tag: checkString('tag', o.tag),
    checkRemoteMedia: checkBoolean('checkRemoteMedia', o.checkRemoteMedia),
  };
}

/**
 * What a {@link WanClient} does once it is used: its connection pool, transport, provider calls and waits. Made on
 * the client's first request, from options the client has already checked.
 */
export class ClientEngine {
  /** `client.tasks`. */
  readonly tasks: TasksResource;
  /** `client.files`. */
  readonly files: FilesResource;
  readonly #options: ResolvedClientOptions;
  readonly #provider: Provider;
  readonly #defaults: RequestDefaults;
  /** The way to the network: undici's pool on Node.js, fetch on the edge build (`transport/platform.ts`). */
  readonly #transport: Transport;
  /** Uploads and downloads: streamed bodies, to the files host and result hosts (code loaded on first use). */
  readonly #streams: () => Promise<StreamClient>;
  readonly #files: LazyFiles;
  readonly #clock = systemClock;
  readonly #gate = new RateGate(this.#clock);
  /**
   * Aborted by `close()`: every request and wait of this client watches it. A linked signal (with no sources), so
   * watching it adds no event listener per request. The client's own, shared with it: a client closed before its first
   * request makes an engine that refuses every call.
   */
  readonly #closed: LinkedSignal;
  readonly #log: SdkLogger;
  /** The `tracer` option and the key its spans must never hold; `undefined` without a tracer. */
  readonly #tracing: Tracing | undefined;
  #closing: Promise<void> | undefined;
  /** The `budget` option's limits and totals, when set. */
  readonly #budget: Budget | undefined;
  /** Budget reservations of tasks this client created, given back if the task fails where failures are not billed. */
  readonly #holds = new Map<string, BudgetHold>();
  /** How long this client's tasks of each kind took: the wait schedule's prior (see `DurationHistory`). */
  readonly #durations = new DurationHistory();

  constructor(options: ResolvedClientOptions, closed: LinkedSignal) {
    this.#options = options;
    this.#closed = closed;
    this.#provider = PROVIDERS[options.provider.id];
    this.#log = createLogger(this.#options.logLevel, this.#options.logger, this.#options.apiKey);
    this.#tracing = options.tracer && { tracer: options.tracer, secret: options.apiKey, system: options.provider.id };
    this.#budget = options.budget && new Budget(options.budget, () => this.#clock.now());
    this.#defaults = {
      apiKey: this.#options.apiKey,
      userAgent: `evolink-wan/${VERSION}`,
      headers: this.#options.defaultHeaders,
      noIdempotencyKeys: this.#provider.idempotencyKeys ? undefined : this.#provider.name,
    };
    this.#transport = createTransport({
      baseURL: this.#options.baseURL,
      apiKey: this.#options.apiKey,
      maxResponseBytes: this.#options.maxResponseBytes,
      clock: this.#clock,
      errors: this.#provider.errors,
      fetch: this.#options.fetch,
      dispatcher: this.#options.dispatcher,
      maxConnections: this.#options.maxConnections,
    });
    this.#streams = () => this.#transport.streams();
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
        tracing: this.#tracing,
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

  /** A generation of one method's `kind` (`undefined`: `generate`, any model named by `params.model`). */
  submit(params: unknown, kind: ModelKind | undefined, options: unknown): TaskPromise {
    return this.#submit(params, methodBuild(kind), options);
  }

  /** `client.estimateCost(…)`: the request validated as a create would be, and its cost by the docs' billing rules. */
  async estimateCost(params: unknown, kind: ModelKind | undefined, options: unknown): Promise<CostEstimate> {
    return this.#estimate(params, methodBuild(kind), checkRequestOptions(options));
  }

  /** `client.download(…)`. */
  download(source: string | CompletedTaskData, dest: DownloadDestination, options?: DownloadOptions): Promise<DownloadResult> {
    return this.#download(downloadSourceOf(source), dest, options);
  }

  /** `client.generateMany(…)`. */
  generateMany<R>(
    jobs: Iterable<GenerationJob<GenerateParams>>,
    options?: GenerateManyOptions<R, GenerateParams>,
  ): Promise<GenerationResult<R, GenerateParams>[]> {
    return import('./tasks/generate-many.js').then(({ generateMany }) =>
      generateMany(
        { submit: (params, call) => this.submit(params, undefined, call), wait: (id, wait) => this.tasks.wait(id, wait) },
        jobs,
        options,
      ),
    );
  }

  /** `client.close()`: ends what runs and closes the SDK's own pool. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed.abort(new ClientClosed());
      await this.#transport.close();
    })();
    return this.#closing;
  }

  /** `client.credits(…)`. */
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
    const start = (control: SubmissionControl): Promise<WithResponse<Task>> =>
      traced(this.#tracing, 'evolink.create', {}, (span) => this.#create(params, build, options, control, span));
    const wait = (task: Task, options: ResolvedWaitOptions) => this.#wait(task.id, options, task, params);
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
    let request: ReturnType<typeof buildRequest>;
    let spec: RequestSpec;
    let response: HttpResponse;
    try {
      spec = this.#createPlain(params, build, call) ?? (await this.#createWithMedia(params, build, call, control));
      this.#warnAboutPrompt(params, build);
      request = buildRequest(spec, this.#defaults, span ? { ...call, trace: span.traceHeaders() } : call);
      span?.http(spec.method, `${this.#options.baseURL}${spec.path}`);
      span?.set({
        'gen_ai.request.model': String((params as { model?: unknown } | null)?.model ?? build.defaultModel),
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

  /**
   * `client.prepareMedia(…)`: validated as a create would be, local media checked and uploaded; the parameters that
   * will be sent, and what was uploaded. Nothing is created.
   */
  async prepareMedia(params: unknown, options: unknown): Promise<PreparedMedia<unknown>> {
    const call = checkRequestOptions(options);
    const build = methodBuild(undefined);
    const resolved = await this.#resolveMedia(params, build, call, undefined);
    this.#provider.createTask(resolved.params, withExtraBody(build, call)); // validates what will be sent
    return resolved;
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
    const model = (given.model ?? build.defaultModel) as ModelId;
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
      (await this.#streams()).open(url, headers, s, method);
    return (url) => remoteSource(url, { open, clock: this.#clock, timeout, signal });
  }

  /** Logs, at `warn`, the materials a valid reference prompt names that do not exist (or in the other provider's naming). */
  #warnAboutPrompt(params: unknown, build: BuildOptions): void {
    if (!this.#log.enabled('warn') || !isRecord(params)) return;
    const model = String(params.model ?? build.defaultModel);
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

  /** The one wait of the engine (`waitForResult()`, `client.tasks.wait()`), in an `evolink.wait` span when tracing. */
  /** `params`: the create's, naming the kind of task whose durations the schedule learns from (none: resumed by id). */
  #wait(taskId: string, wait: ResolvedWaitOptions, initial?: Task, params?: unknown): Promise<CompletedTask> {
    const history = (task: Task) => this.#durations.forTask(task.model, params);
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
    const [{ download }, streams] = await Promise.all([import('./download/download.js'), this.#streams()]);
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
    request: ReturnType<typeof buildRequest>,
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
