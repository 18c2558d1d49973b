import { ClientEngine } from './client-engine.js';
import type { CostEstimate } from './cost/estimate.js';
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './client-options.js';
import { linkSignals } from './internal/abort.js';
import { TRACER_OF_CLIENT } from './internal/tracing.js';
import type { EditVideoParams, GenerateParams, ImageToVideoParams, ReferenceToVideoParams, TextToVideoParams } from './methods.js';
import type { FilesResource, PreparedMedia } from './files/types.js';
import type { RequestOptions } from './request-options.js';
import type { ApiPromise } from './tasks/api-promise.js';
import type { GenerateManyOptions, GenerationJob, GenerationResult } from './tasks/generate-many.js';
import type { TaskPromise } from './tasks/task-promise.js';
import type { TasksResource } from './tasks/tasks-resource.js';
import { type CallbackBody, verifyCallback } from './tasks/verify-callback.js';
import { ClientClosed } from './transport/attempt-abort.js';
import type { Credits } from './providers/provider.js';
import type { DownloadDestination, DownloadOptions, DownloadResult } from './download/types.js';
import type { CompletedTaskData, Task } from './tasks/task.js';

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
  /** Aborted by `close()`; shared with the engine, which every request and wait of this client watches. */
  readonly #closed = linkSignals([]);
  /** The client's transport, provider calls and waits, made on first use (a client that is never used opens nothing). */
  #loaded: ClientEngine | undefined;
  #closing: Promise<void> | undefined;

  /**
   * @throws {InvalidOptionError} when no usable API key is configured or an option is invalid; nothing is sent.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.baseURL = this.#options.baseURL;
    // For createCallbackHandler({ client }); non-enumerable, so inspecting the client does not print the tracer.
    if (this.#options.tracer) Object.defineProperty(this, TRACER_OF_CLIENT, { value: this.#options.tracer });
    // Plain objects that hand each call to the engine: reading them loads nothing.
    this.tasks = {
      get: (taskId, requestOptions) => this.#engine().tasks.get(taskId, requestOptions),
      wait: async (taskId, waitOptions) => this.#engine().tasks.wait(taskId, waitOptions),
    };
    this.callbacks = { verify: (body) => verifyCallback(this.tasks, body) };
    this.files = {
      upload: async (input, uploadOptions) => this.#engine().files.upload(input, uploadOptions),
      uploadFromUrl: async (url, uploadOptions) => this.#engine().files.uploadFromUrl(url, uploadOptions),
      quota: async (quotaOptions) => this.#engine().files.quota(quotaOptions),
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
    return this.#engine().submit(params, 'text-to-video', options);
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
    return this.#engine().submit(params, 'image-to-video', options);
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
    return this.#engine().submit(params, 'reference-video', options);
  }

  /**
   * Edit a video by instruction: `wan2.7-video-edit` (default).
   * @example
   * ```ts
   * const video = await client.editVideo({ prompt: 'Make it claymation', video_urls: [clip] }).waitForResult();
   * ```
   */
  editVideo(params: EditVideoParams, options?: RequestOptions): TaskPromise {
    return this.#engine().submit(params, 'video-edit', options);
  }

  /**
   * Any supported model, chosen by `params.model` (required). Parameters are checked against that model.
   * @example
   * ```ts
   * const video = await client.generate({ model: 'wan2.6-text-to-video', prompt: 'A cat playing piano' }).waitForResult();
   * ```
   */
  generate(params: GenerateParams, options?: RequestOptions): TaskPromise {
    return this.#engine().submit(params, undefined, options);
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
  estimateCost(params: GenerateParams, options?: RequestOptions): Promise<CostEstimate> {
    return this.#engine().estimateCost(params, undefined, options);
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
  prepareMedia(params: GenerateParams, options?: RequestOptions): Promise<PreparedMedia<GenerateParams>> {
    return this.#engine().prepareMedia(params, options) as Promise<PreparedMedia<GenerateParams>>;
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
    return this.#engine().download(source, dest, options);
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
    return this.#engine().generateMany(jobs, options);
  }

  /**
   * Closes the client: requests and waits in flight end at once with `ClientClosedError` (tasks keep running on the
   * server; resume them by id from another client), later calls reject the same way without sending, and the SDK's
   * own connection pool is closed (not a dispatcher you passed in), so the process can exit. Safe to call twice.
   */
  close(): Promise<void> {
    // A client that never sent a request has no engine: closing it loads none, and one made later refuses every call.
    this.#closing ??= this.#loaded?.close() ?? Promise.resolve(this.#closed.abort(new ClientClosed()));
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
    return this.#engine().credits(options);
  }

  #engine(): ClientEngine {
    this.#loaded ??= new ClientEngine(this.#options, this.#closed);
    return this.#loaded;
  }
}
