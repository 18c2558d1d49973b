import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { EvoLinkError } from '../errors/evolink-error.js';
import { isRecord } from '../internal/is-record.js';
import { getModel, MODEL_IDS } from '../models/registry.js';
import { CallbackDeliverer, type CallbackDelivery } from './callback-delivery.js';
import { answerContent, contentAt, decodeSegment } from './evolink-content.js';
import { answerFiles, jsonOrText } from './evolink-files.js';
import type { EvoLinkFakeState } from './evolink-state.js';
import { deliverFault, errorBody, type Fault } from './faults.js';
import type { FakeUpload } from './files-api.js';
import {
  ConnectionStats,
  closeListener,
  FaultQueue,
  type Listener,
  listenOnLoopback,
  type RecordedRequest,
  recordedHeaders,
  sendJson,
} from './loopback-server.js';
import { readBody } from './read-body.js';
import { type FakeServerOptions, MAX_BODY_BYTES, resolveServerOptions, type ServerSettings } from './server-options.js';
import { type FakeTaskState, snapshot, type TaskPlan } from './task-plan.js';

export type { RecordedRequest } from './loopback-server.js';

/** Random failures, as from a flaky gateway: each matching request fails with this probability. */
export interface ChaosOptions {
  /** Which requests are affected. @default 'GET' */
  method?: 'GET' | 'POST' | undefined;
  /** Share answered `429` with `Retry-After: retryAfterSeconds`. */
  rateLimited?: number | undefined;
  /** Share answered 500, 502, 503 or 504. */
  serverErrors?: number | undefined;
  /** `Retry-After` of the 429s, in seconds. @default 1 */
  retryAfterSeconds?: number | undefined;
  /** Random source (for reproducible runs). @default Math.random */
  random?: (() => number) | undefined;
}

/**
 * A fake EvoLink API on loopback for tests and demos: it checks the bearer key, validates bodies with the SDK's own
 * schemas, replays `Idempotency-Key`s like the real gateway, simulates task lifecycles
 * (`pending` → `processing` with progress → `completed`/`failed`/`cancelled`) and can be scripted to fail.
 *
 * Like EvoLink, it has three origins: the API (`url`), the files API (`filesUrl`: multipart, base64 and URL uploads,
 * quota, `success: false` refusals) and a content host (`contentUrl`) that serves uploaded files and result videos
 * (real MP4 bytes by default) with `Range`, expiry and injectable download faults. Pass `filesBaseURL: filesUrl` to the
 * client (or set `EVOLINK_FILES_BASE_URL`).
 *
 * It runs inside your test process, so nothing a client sends can crash that process: a malformed path is a `400`,
 * a body over 10 MiB a `413`, a client too slow to send its request a `408` (see
 * {@link FakeServerOptions.requestTimeoutMs}), a fault or plan function that throws a `500` (or a closed connection
 * when the answer had begun), and a client that goes away mid-body is just logged.
 *
 * @example
 * ```ts
 * import { FakeEvoLinkServer, faults } from 'evolink-wan/testing';
 * const server = await FakeEvoLinkServer.start();
 * server.inject(faults.status(503, { method: 'POST' }));
 * const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
 * // …
 * await server.close();
 * ```
 */
export class FakeEvoLinkServer {
  /** Base URL to pass as `baseURL`. */
  readonly url: string;
  /** Base URL of the fake files API, to pass as `filesBaseURL`. */
  readonly filesUrl: string;
  /** Origin serving uploaded files and result videos (the result links point here). */
  readonly contentUrl: string;
  /** Every files-API request received, in order (bodies summarised: fields and the file's name, type and size). */
  readonly fileRequests: RecordedRequest[] = [];
  /** Every request to the content origin (downloads), in order: `headers.authorization` is there if one was sent. */
  readonly contentRequests: RecordedRequest[] = [];
  /** Files uploaded, by id. */
  readonly uploads = new Map<string, FakeUpload>();
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every task created, by id. */
  readonly tasks = new Map<string, FakeTaskState>();
  /** What `GET /v1/credits` reports; each task created reserves 5 credits from it. */
  readonly credits = {
    token: { remaining_credits: 1000, used_credits: 0, unlimited_credits: false },
    user: { remaining_credits: 5000, used_credits: 0 },
  };
  readonly #state: EvoLinkFakeState;
  readonly #servers: Server[];
  readonly #settings: ServerSettings;
  readonly #connections = new ConnectionStats();
  readonly #byIdempotencyKey = new Map<string, { id: string; body: string }>();
  #plan: (body: Record<string, unknown>, index: number) => TaskPlan;
  readonly #log: ((line: string) => void) | undefined;
  readonly #extraFields: ReadonlySet<string>;
  readonly #callbacks: CallbackDeliverer | undefined;
  readonly #callbackTimers = new Set<NodeJS.Timeout>();
  readonly #calledBack = new Set<string>();
  #chaos: ChaosOptions | undefined;

  private constructor(api: Listener, files: Listener, content: Listener, settings: ServerSettings) {
    this.#servers = [api.server, files.server, content.server];
    this.url = api.url;
    this.filesUrl = files.url;
    this.contentUrl = content.url;
    this.#settings = settings;
    this.#plan = settings.plan;
    this.#log = settings.log;
    this.#extraFields = settings.extraFields;
    this.#callbacks = settings.callbacks ? new CallbackDeliverer(settings.callbacks) : undefined;
    this.#state = {
      settings,
      faults: new FaultQueue(),
      tasks: this.tasks,
      completedAt: new Map(),
      uploads: this.uploads,
      fileRequests: this.fileRequests,
      contentRequests: this.contentRequests,
      contentUrl: content.url,
      downloadsExpired: false,
      requestId: () => `req-${this.requests.length}`,
    };
  }

  /** Starts a server on a free loopback port. */
  static async start(options: FakeServerOptions = {}): Promise<FakeEvoLinkServer> {
    const settings = resolveServerOptions(options);
    let instance: FakeEvoLinkServer | undefined;
    // One origin each, as EvoLink has: the API, the files API and the host of uploaded files and result videos.
    const listen = (port: number, answer: (fake: FakeEvoLinkServer, req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
      listenOnLoopback('FakeEvoLinkServer', { host: settings.host, port, timeouts: settings }, (req, res) =>
        answer(instance!, req, res).catch((error: unknown) => instance!.#fail(res, error)),
      );
    const api = await listen(settings.port, (fake, req, res) => fake.#handle(req, res));
    const files = await listen(0, (fake, req, res) => answerFiles(fake.#state, req, res));
    const content = await listen(0, (fake, req, res) => answerContent(fake.#state, req, res));
    instance = new FakeEvoLinkServer(api, files, content, settings);
    const created = instance;
    api.server.on('connection', (socket) => created.#connections.track(socket));
    // Without a listener, a later server error would be an uncaught exception in the host process.
    for (const { server } of [api, files, content]) server.on('error', (error) => created.#fail(undefined, error));
    return instance;
  }

  /** The key the server accepts (a getter, so it does not show in `util.inspect`). */
  get apiKey(): string {
    return this.#settings.apiKey;
  }

  /** TCP connections the API origin accepted so far. */
  get connectionsOpened(): number {
    return this.#connections.connectionsOpened;
  }

  /** The most connections to the API origin that were open at the same time. */
  get peakOpenConnections(): number {
    return this.#connections.peakOpenConnections;
  }

  /** Number of `POST /v1/videos/generations` requests received. */
  get postCount(): number {
    return this.requests.filter((r) => r.method === 'POST').length;
  }

  /** Number of `GET /v1/tasks/{id}` requests received. */
  get getCount(): number {
    return this.requests.filter((r) => r.method === 'GET').length;
  }

  /** Every callback sent so far (with `callbacks` set), in order, with each attempt. */
  get callbackDeliveries(): readonly CallbackDelivery[] {
    return this.#callbacks?.deliveries ?? [];
  }

  /**
   * Posts the task's current task-detail body to its callback target now (as EvoLink does once it ends), with the
   * retry pattern; resolves with the delivery record. Needs the `callbacks` option and a task with a `callback_url`.
   */
  deliverCallback(taskId: string): Promise<CallbackDelivery> {
    const task = this.tasks.get(taskId);
    const url = task?.body.callback_url;
    if (!this.#callbacks || !task || typeof url !== 'string') {
      return Promise.reject(new EvoLinkError(`Task ${taskId} has no callback_url, or the fake was started without the callbacks option.`));
    }
    this.#calledBack.add(taskId);
    return this.#callbacks.deliver(taskId, url, snapshot(task, Date.now(), this.contentUrl));
  }

  /** Queues faults: each matching request consumes one (see {@link faults}). */
  inject(...faults: Fault[]): this {
    this.#state.faults.push(faults);
    return this;
  }

  /** Makes a share of requests fail at random (see {@link ChaosOptions}); `undefined` stops it. */
  setChaos(chaos: ChaosOptions | undefined): void {
    this.#chaos = chaos;
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.#state.faults.clear();
  }

  /** Changes how new tasks live. */
  setPlan(plan: (body: Record<string, unknown>, index: number) => TaskPlan): void {
    this.#plan = plan;
  }

  /** Creates a task directly (as if another process had submitted it); returns its id. */
  seedTask(body: Record<string, unknown>, plan: TaskPlan): string {
    return this.#createTask(body, plan).id;
  }

  /** Stops the server and closes open connections. */
  async close(): Promise<void> {
    this.#callbacks?.close();
    for (const timer of this.#callbackTimers) clearTimeout(timer);
    await Promise.all(this.#servers.map(closeListener));
  }

  /** From now on every uploaded file and result link answers 403, as links past their expiry do. */
  expireDownloads(): void {
    this.#state.downloadsExpired = true;
  }

  /** SHA-256 (hex) of what the content origin serves at `url`, computed in chunks; `undefined` for an unknown link. */
  contentSha256(url: string): string | undefined {
    const found = contentAt(this.#state, new URL(url).pathname);
    if (!found) return undefined;
    const hash = createHash('sha256');
    for (let at = 0; at < found.body.size; at += 1 << 20) hash.update(found.body.slice(at, Math.min(found.body.size, at + (1 << 20))));
    return hash.digest('hex');
  }

  #chaosFault(method: string): Fault | undefined {
    const chaos = this.#chaos;
    if (!chaos || (chaos.method ?? 'GET') !== method) return undefined;
    const roll = (chaos.random ?? Math.random)();
    const limited = chaos.rateLimited ?? 0;
    if (roll < limited) {
      return {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': String(chaos.retryAfterSeconds ?? 1) },
        body: errorBody('rate_limit_exceeded', 'Rate limit exceeded', 'evo_api_error'),
      };
    }
    if (roll < limited + (chaos.serverErrors ?? 0)) {
      const status = [500, 502, 503, 504][Math.floor((roll * 1000) % 4)]!;
      return { kind: 'status', status, body: errorBody('internal_error', 'Internal server error', 'api_error') };
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const read = await readBody(req, MAX_BODY_BYTES);
    if (read.kind === 'aborted') {
      this.#log?.(`${method} ${path} (client went away before the body ended)`);
      res.destroy();
      return;
    }
    if (read.kind === 'too-large') {
      this.#log?.(`${method} ${path} (body over ${MAX_BODY_BYTES} bytes: 413)`);
      return this.#json(res, 413, errorBody('request_too_large', `Request body over ${MAX_BODY_BYTES} bytes`), { connection: 'close' });
    }
    const raw = read.raw;
    const authorized = req.headers.authorization === `Bearer ${this.apiKey}`;
    const body = jsonOrText(raw);
    this.requests.push({ method, path, headers: recordedHeaders(req), authorized, body, at: Date.now() });
    this.#log?.(`${method} ${path}${authorized ? '' : ' (unauthorized)'}`);

    const early = this.#state.faults.take(method, 'before') ?? this.#chaosFault(method);
    if (early) return deliverFault(early, req, res);
    if (!authorized) return this.#json(res, 401, errorBody('unauthorized', 'Invalid or expired token', 'authentication_error'));
    if (method === 'POST' && path === '/v1/videos/generations') return this.#create(req, res, body, raw);
    if (method === 'GET' && path === '/v1/credits') return this.#json(res, 200, { data: this.credits, message: '', success: true });
    const match = /^\/v1\/tasks\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) {
      const id = decodeSegment(match[1]!);
      if (id === undefined)
        return this.#json(res, 400, errorBody('invalid_request', `The task id in ${path} is not valid percent-encoding`));
      return this.#read(req, res, id);
    }
    return this.#json(res, 404, errorBody('not_found', `No route for ${method} ${path}`));
  }

  /** A request failed inside the fake (a fault or plan that threw, …): answer 500 if nothing was sent yet, else hang up. */
  #fail(res: ServerResponse | undefined, error: unknown): void {
    try {
      const detail = error instanceof Error ? error.message : String(error);
      this.#log?.(`fake server error: ${detail}`);
      if (!res || res.headersSent) {
        res?.destroy();
        return;
      }
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      this.#json(res, 500, errorBody('fake_server_error', `The fake server failed while answering: ${detail}`, 'api_error'), {
        connection: 'close',
      });
    } catch {
      res?.destroy();
    }
  }

  #create(req: IncomingMessage, res: ServerResponse, body: unknown, raw: string): void {
    if (!isRecord(body)) return this.#json(res, 400, errorBody('invalid_request', 'Body must be a JSON object'));
    const model = getModel(body.model);
    if (!model)
      return this.#json(res, 400, errorBody('invalid_request', `Unknown model ${String(body.model)}; known: ${MODEL_IDS.join(', ')}`));
    const parsed = model.schema.safeParse(this.#withoutExtraFields(body));
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      return this.#json(res, 400, {
        error: { code: 'invalid_parameter', message: first.message, type: 'invalid_request_error', param: first.path.join('.') },
      });
    }
    const key = req.headers['idempotency-key'];
    const keyString = typeof key === 'string' ? key : undefined;
    const previous = keyString === undefined ? undefined : this.#byIdempotencyKey.get(keyString);
    if (previous && previous.body !== raw) {
      return this.#json(res, 409, errorBody('idempotency_conflict', 'Idempotency-Key reused with a different body'));
    }
    const task = previous ? this.tasks.get(previous.id)! : this.#createTask(body, this.#plan(body, this.tasks.size));
    if (keyString !== undefined && !previous) this.#byIdempotencyKey.set(keyString, { id: task.id, body: raw });
    const late = this.#state.faults.take('POST', 'after');
    if (late) return deliverFault(late, req, res);
    const snap = snapshot(task, Date.now(), this.contentUrl);
    const reply = {
      ...snap,
      status: 'pending',
      progress: 0,
      usage: { billing_rule: 'per_second', credits_reserved: 5, user_group: 'default' },
    };
    this.#json(res, 200, reply, previous ? { 'idempotency-replayed': 'true' } : {});
  }

  #read(req: IncomingMessage, res: ServerResponse, id: string): void {
    if (!id.startsWith('task-unified-')) {
      return this.#json(res, 400, {
        error: {
          code: 'invalid_task_id',
          message: "Invalid task ID format, must start with 'task-unified-'",
          type: 'invalid_request_error',
          param: 'task_id',
        },
      });
    }
    const task = this.tasks.get(id);
    if (!task) return this.#json(res, 404, errorBody('task_not_found', 'The requested task could not be found'));
    const late = this.#state.faults.take('GET', 'after');
    task.polls++;
    if (late) return deliverFault(late, req, res);
    const snap = snapshot(task, Date.now(), this.contentUrl);
    if (snap.status === 'completed' && !this.#state.completedAt.has(id)) this.#state.completedAt.set(id, Date.now());
    if (isTerminalSnapshot(snap)) this.#callBackOnce(task.id);
    this.#json(res, 200, snap);
  }

  /** The body without the fields listed in `extraFields`, for the model's schema to judge. */
  #withoutExtraFields(body: Record<string, unknown>): Record<string, unknown> {
    if (this.#extraFields.size === 0) return body;
    return Object.fromEntries(Object.entries(body).filter(([key]) => !this.#extraFields.has(key)));
  }

  #createTask(body: Record<string, unknown>, plan: TaskPlan): FakeTaskState {
    const now = Date.now();
    const id = `task-unified-${Math.floor(now / 1000)}-${(this.tasks.size + 1).toString(36).padStart(8, '0')}`;
    const task: FakeTaskState = { id, model: String(body.model), createdAt: now, polls: 0, plan, body };
    this.tasks.set(id, task);
    this.credits.token.remaining_credits -= 5;
    this.credits.token.used_credits += 5;
    if (this.#callbacks && plan.durationMs !== undefined && typeof body.callback_url === 'string') {
      const timer = setTimeout(() => {
        this.#callbackTimers.delete(timer);
        this.#callBackOnce(id);
      }, plan.durationMs + 1);
      this.#callbackTimers.add(timer);
    }
    return task;
  }

  #callBackOnce(taskId: string): void {
    if (!this.#callbacks || this.#calledBack.has(taskId) || typeof this.tasks.get(taskId)?.body.callback_url !== 'string') return;
    this.deliverCallback(taskId).catch((error: unknown) => this.#log?.(`callback for ${taskId} failed: ${String(error)}`));
  }

  #json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendJson(res, status, body, { 'x-request-id': this.#state.requestId(), ...headers });
  }
}

function isTerminalSnapshot(snap: Record<string, unknown>): boolean {
  return snap.status === 'completed' || snap.status === 'failed' || snap.status === 'cancelled';
}
