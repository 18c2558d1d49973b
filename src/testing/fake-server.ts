import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRecord } from '../internal/is-record.js';
import { safeJsonParse } from '../internal/safe-json.js';
import { getModel, MODEL_IDS } from '../models/registry.js';
import { type BodyFault, type ContentBody, bytesBody, generatedBody, serveContent } from './content.js';
import { deliverFault, errorBody, type Fault } from './faults.js';
import { type FakeUpload, readFilesRequest, storeUpload, uploadAnswer } from './files-api.js';
import { sampleVideo } from './sample-video.js';
import { readBody } from './read-body.js';
import { MAX_BODY_BYTES, resolveServerOptions, type FakeServerOptions, type ServerSettings } from './server-options.js';
import { EvoLinkError } from '../errors/evolink-error.js';
import { CallbackDeliverer, type CallbackDelivery } from './callback-delivery.js';
import { snapshot, type FakeTaskState, type TaskPlan } from './task-plan.js';

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

/** A request the fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Headers by lower-case name (`headers['idempotency-key']`), with `authorization` redacted. */
  headers: Record<string, string>;
  /** Whether the bearer key matched. */
  authorized: boolean;
  body: unknown;
  at: number;
}

/** A server listening on loopback and its base URL. */
interface Listener {
  server: Server;
  url: string;
}

/** Starts one loopback listener with the fake's timeouts. */
async function listen(
  settings: ServerSettings,
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listener> {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Node looks for expired requests this often (30 s by default, longer than a short test timeout).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(settings.headersTimeoutMs / 4))),
    },
    handler,
  );
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, settings.host, () => resolve());
  });
  const { port: bound, address } = server.address() as AddressInfo;
  return { server, url: `http://${address.includes(':') ? `[${address}]` : address}:${bound}` };
}

/** Request headers as recorded: lower-case names, `authorization` present but redacted. */
function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = k === 'authorization' ? '[REDACTED]' : String(v);
  return headers;
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
  readonly #apiKey: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every task created, by id. */
  readonly tasks = new Map<string, FakeTaskState>();
  readonly #servers: Server[];
  readonly #settings: ServerSettings;
  readonly #completedAt = new Map<string, number>();
  #downloadsExpired = false;
  readonly #faults: Fault[] = [];
  readonly #byIdempotencyKey = new Map<string, { id: string; body: string }>();
  #plan: (body: Record<string, unknown>, index: number) => TaskPlan;
  readonly #log: ((line: string) => void) | undefined;
  readonly #extraFields: ReadonlySet<string>;
  readonly #callbacks: CallbackDeliverer | undefined;
  readonly #callbackTimers = new Set<NodeJS.Timeout>();
  readonly #calledBack = new Set<string>();
  /** What `GET /v1/credits` reports; each task created reserves 5 credits from it. */
  readonly credits = {
    token: { remaining_credits: 1000, used_credits: 0, unlimited_credits: false },
    user: { remaining_credits: 5000, used_credits: 0 },
  };
  #chaos: ChaosOptions | undefined;
  #openSockets = 0;
  /** TCP connections accepted so far. */
  connectionsOpened = 0;
  /** The most connections that were open at the same time. */
  peakOpenConnections = 0;

  private constructor(api: Listener, files: Listener, content: Listener, settings: ServerSettings) {
    this.#servers = [api.server, files.server, content.server];
    this.url = api.url;
    this.filesUrl = files.url;
    this.contentUrl = content.url;
    this.#settings = settings;
    this.#apiKey = settings.apiKey;
    this.#plan = settings.plan;
    this.#log = settings.log;
    this.#extraFields = settings.extraFields;
    this.#callbacks = settings.callbacks ? new CallbackDeliverer(settings.callbacks) : undefined;
  }

  /** Starts a server on a free loopback port. */
  static async start(options: FakeServerOptions = {}): Promise<FakeEvoLinkServer> {
    const settings = resolveServerOptions(options);
    let instance: FakeEvoLinkServer | undefined;
    const api = await listen(settings, settings.port, (req, res) => instance!.#respond(req, res));
    const files = await listen(settings, 0, (req, res) => instance!.#answer(req, res, instance!.#handleFiles(req, res)));
    const content = await listen(settings, 0, (req, res) => instance!.#answer(req, res, instance!.#handleContent(req, res)));
    instance = new FakeEvoLinkServer(api, files, content, settings);
    const created = instance;
    api.server.on('connection', (socket) => created.#track(socket));
    // Without a listener, a later server error would be an uncaught exception in the host process.
    for (const { server } of [api, files, content]) server.on('error', (error) => created.#fail(undefined, error));
    return instance;
  }

  /** The key the server accepts (a getter, so it does not show in `util.inspect`). */
  get apiKey(): string {
    return this.#apiKey;
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
    this.#faults.push(...faults.map((f) => ({ ...f, times: f.times ?? 1 })));
    return this;
  }

  /** Makes a share of requests fail at random (see {@link ChaosOptions}); `undefined` stops it. */
  setChaos(chaos: ChaosOptions | undefined): void {
    this.#chaos = chaos;
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.#faults.length = 0;
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
    await Promise.all(
      this.#servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  /** From now on every uploaded file and result link answers 403, as links past their expiry do. */
  expireDownloads(): void {
    this.#downloadsExpired = true;
  }

  /** SHA-256 (hex) of what the content origin serves at `url`, computed in chunks; `undefined` for an unknown link. */
  contentSha256(url: string): string | undefined {
    const found = this.#contentAt(new URL(url).pathname);
    if (!found) return undefined;
    const hash = createHash('sha256');
    for (let at = 0; at < found.body.size; at += 1 << 20) hash.update(found.body.slice(at, Math.min(found.body.size, at + (1 << 20))));
    return hash.digest('hex');
  }

  #track(socket: import('node:net').Socket): void {
    this.connectionsOpened++;
    this.#openSockets++;
    this.peakOpenConnections = Math.max(this.peakOpenConnections, this.#openSockets);
    socket.once('close', () => this.#openSockets--);
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

  #takeFault(method: string, when: 'before' | 'after', on: 'api' | 'files' | 'downloads' = 'api'): Fault | undefined {
    const index = this.#faults.findIndex(
      (f) => (f.method === undefined || f.method === method) && (f.when ?? 'before') === when && (f.on ?? 'api') === on,
    );
    if (index === -1) return undefined;
    const fault = this.#faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  /** Answers one request; whatever goes wrong becomes a 500 or a closed connection, never a rejection. */
  #respond(req: IncomingMessage, res: ServerResponse): void {
    this.#answer(req, res, this.#handle(req, res));
  }

  #answer(_req: IncomingMessage, res: ServerResponse, handling: Promise<void>): void {
    handling.catch((error: unknown) => this.#fail(res, error));
  }

  /** The files API: the request is read first (as a real upload is), then faults, the key and the route apply. */
  async #handleFiles(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const record: RecordedRequest = {
      method,
      path,
      headers: recordedHeaders(req),
      authorized: req.headers.authorization === `Bearer ${this.apiKey}`,
      body: undefined,
      at: Date.now(),
    };
    this.fileRequests.push(record);
    const parsed = await readFilesRequest(req, path, async () => {
      const read = await readBody(req, MAX_BODY_BYTES);
      return read.kind === 'complete' ? safeJsonOrText(read.raw) : undefined;
    });
    record.body = 'bytes' in parsed ? { ...parsed, bytes: undefined, size: parsed.bytes.byteLength } : parsed;
    this.#log?.(`files ${method} ${path}${record.authorized ? '' : ' (unauthorized)'}`);
    const fault = this.#takeFault(method, 'before', 'files');
    if (fault) return deliverFault(fault, req, res);
    if (!record.authorized) return this.#json(res, 401, { success: false, code: 401, msg: 'Invalid or expired token' });
    if (parsed.kind === 'error') return this.#json(res, parsed.status, { success: false, code: parsed.code, msg: parsed.msg });
    if (parsed.kind === 'quota') {
      const used = this.uploads.size;
      const max = this.#settings.fileQuota;
      const data = {
        user_group: 'default',
        used_files: used,
        max_files: max,
        remain_files: Math.max(0, max - used),
        is_custom: false,
        quota_reason: '',
      };
      return this.#json(res, 200, { success: true, code: 200, msg: 'ok', data });
    }
    if (this.uploads.size >= this.#settings.fileQuota)
      return this.#json(res, 200, { success: false, code: 403, msg: 'File quota exceeded' });
    let upload: FakeUpload;
    if (parsed.kind === 'url') {
      const source = parsed.url.startsWith(`${this.contentUrl}/`) ? this.#contentAt(new URL(parsed.url).pathname) : undefined;
      if (!source)
        return this.#json(res, 200, {
          success: false,
          code: 400,
          msg: `The fake server fetches only its own content origin (${this.contentUrl}), not ${parsed.url}`,
        });
      const bytes = source.body.slice(0, source.body.size);
      upload = storeUpload(
        bytes,
        { originalName: parsed.url.split('/').pop() || 'file', mimeType: source.type, ...parsed },
        this.uploads.size,
        Date.now(),
        this.#settings.fileLifetimeMs,
      );
    } else {
      const info = { originalName: 'originalName' in parsed ? parsed.originalName : (parsed.fileName ?? 'upload'), ...parsed };
      upload = storeUpload(parsed.bytes, info, this.uploads.size, Date.now(), this.#settings.fileLifetimeMs);
    }
    this.uploads.set(upload.id, upload);
    this.#json(res, 200, uploadAnswer(upload, this.contentUrl));
  }

  /** The content origin: uploaded files and result videos, with Range, expiry and download faults. */
  async #handleContent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    req.resume();
    this.contentRequests.push({ method, path, headers: recordedHeaders(req), authorized: false, body: undefined, at: Date.now() });
    this.#log?.(`content ${method} ${path}`);
    const fault = this.#takeFault(method, 'before', 'downloads');
    const bodyFault: BodyFault =
      fault?.kind === 'drop-mid-body'
        ? { dropAfterBytes: fault.afterBytes }
        : fault?.kind === 'slow'
          ? { chunkBytes: fault.chunkBytes, chunkDelayMs: fault.delayMs }
          : {};
    if (fault && fault.kind !== 'drop-mid-body' && fault.kind !== 'slow') return deliverFault(fault, req, res);
    const found = method === 'GET' || method === 'HEAD' ? this.#contentAt(path) : undefined;
    if (!found) return this.#text(res, 404, 'Not Found');
    if (this.#downloadsExpired || Date.now() >= found.expiresAt) return this.#text(res, 403, 'Request has expired');
    await serveContent(req, res, found.body, found.type, found.etag, bodyFault);
  }

  /** What the content origin serves at `path`. */
  #contentAt(path: string): { body: ContentBody; type: string; etag: string; expiresAt: number } | undefined {
    const video = /^\/videos\/([^/]+)\.mp4$/.exec(path);
    if (video) {
      const task = this.tasks.get(decodeSegment(video[1]!) ?? '');
      if (task?.plan.outcome.status !== 'completed') return undefined;
      const given = task.plan.outcome.video;
      const body =
        given === undefined ? bytesBody(sampleVideo()) : given instanceof Uint8Array ? bytesBody(given) : generatedBody(given.size);
      const completedAt = this.#completedAt.get(task.id) ?? Date.now();
      return { body, type: 'video/mp4', etag: `"${task.id}-${body.size}"`, expiresAt: completedAt + this.#settings.resultLifetimeMs };
    }
    const byId = /^\/api\/v1\/files\/download\/([^/]+)$/.exec(path);
    const upload = byId
      ? this.uploads.get(byId[1]!)
      : [...this.uploads.values()].find((u) => path === `/${u.uploadPath}/${encodeURIComponent(u.fileName)}`);
    if (!upload) return undefined;
    return { body: bytesBody(upload.bytes), type: upload.mimeType, etag: `"${upload.sha256.slice(0, 16)}"`, expiresAt: upload.expiresAt };
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
    const body = safeJsonOrText(raw);
    this.requests.push({ method, path, headers: recordedHeaders(req), authorized, body, at: Date.now() });
    this.#log?.(`${method} ${path}${authorized ? '' : ' (unauthorized)'}`);

    const early = this.#takeFault(method, 'before') ?? this.#chaosFault(method);
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
    const late = this.#takeFault('POST', 'after');
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
    const late = this.#takeFault('GET', 'after');
    task.polls++;
    if (late) return deliverFault(late, req, res);
    const snap = snapshot(task, Date.now(), this.contentUrl);
    if (snap.status === 'completed' && !this.#completedAt.has(id)) this.#completedAt.set(id, Date.now());
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

  #text(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(text);
  }

  #json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${this.requests.length}`, ...headers });
    res.end(text);
  }
}

/** A body parsed as JSON, or the text itself when it is not JSON; `undefined` when empty. */
function safeJsonOrText(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return safeJsonParse(raw);
  } catch {
    return raw;
  }
}

/** `decodeURIComponent`, or `undefined` for malformed percent-encoding (which it throws on). */
function isTerminalSnapshot(snap: Record<string, unknown>): boolean {
  return snap.status === 'completed' || snap.status === 'failed' || snap.status === 'cancelled';
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
