import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../internal/is-record.js';
import { FakeApiServer, type IncomingCall, type LoopbackListenOptions } from './fake-api-server.js';
import { NOVITA_WIRE_SCHEMAS, novitaErrorBody } from './novita-wire.js';
import { estimatedTime, snapshot, type FakeTaskState, type TaskPlan } from './task-plan.js';

/** Options of {@link FakeNovitaServer.start}. */
export interface FakeNovitaServerOptions extends LoopbackListenOptions {
  /** The bearer key the server accepts. @default 'sk-fake-novita-test-key' */
  apiKey?: string | undefined;
  /** Chooses each new task's life from its request body. @default completes after 3 polls */
  plan?: ((body: Record<string, unknown>, index: number) => TaskPlan) | undefined;
  /** `video_url_ttl` of finished videos (novita types it as a string); `undefined` leaves it out. @default '3600' */
  resultTtl?: string | number | undefined;
}

const DEFAULT_KEY = 'sk-fake-novita-test-key';
const STATUS_NAMES: Record<string, string> = {
  pending: 'TASK_STATUS_QUEUED',
  processing: 'TASK_STATUS_PROCESSING',
  completed: 'TASK_STATUS_SUCCEED',
  failed: 'TASK_STATUS_FAILED',
  // Not in novita's documented enum (seen in third-party code): the SDK treats it as still running.
  cancelled: 'TASK_STATUS_CANCELED',
};

/**
 * A fake novita.ai API on loopback for tests and demos: the four wan2.7 routes (`POST /v3/async/wan2.7-i2v`, `-t2v`,
 * `-r2v`, `-videoedit`), each validating the flat body against novita's documented fields, answering `{ task_id }`;
 * and `GET /v3/async/task-result?task_id=`, moving each task from `TASK_STATUS_QUEUED` through
 * `TASK_STATUS_PROCESSING` (with `progress_percent` and `eta`) to `TASK_STATUS_SUCCEED` or `TASK_STATUS_FAILED`.
 * Errors use novita's `{ code, reason, message, metadata }`; there is no idempotency key (each create is a new task).
 * Faults from `faults` are injected the same way as on the EvoLink fake.
 *
 * @example
 * ```ts
 * import { FakeNovitaServer, faults, novitaErrorBody } from 'evolink-wan/testing';
 * const server = await FakeNovitaServer.start();
 * server.inject(faults.status(429, { method: 'POST', body: novitaErrorBody(429, 'RATE_LIMIT_EXCEEDED') }));
 * const client = new WanClient({ provider: 'novita', apiKey: server.apiKey, baseURL: server.url });
 * ```
 */
export class FakeNovitaServer extends FakeApiServer {
  /** Every task created, by id. */
  readonly tasks = new Map<string, FakeTaskState>();
  readonly #apiKey: string;
  readonly #resultTtl: string | number | undefined;
  #plan: (body: Record<string, unknown>, index: number) => TaskPlan;

  private constructor(listening: Awaited<ReturnType<typeof FakeApiServer.listen>>, options: FakeNovitaServerOptions) {
    super(listening, options);
    this.#apiKey = options.apiKey ?? DEFAULT_KEY;
    this.#resultTtl = Object.hasOwn(options, 'resultTtl') ? options.resultTtl : '3600';
    this.#plan = options.plan ?? (() => ({ outcome: { status: 'completed' } }));
  }

  /** Starts a server on a free loopback port. */
  static async start(options: FakeNovitaServerOptions = {}): Promise<FakeNovitaServer> {
    return new FakeNovitaServer(await FakeApiServer.listen('FakeNovitaServer', options), options);
  }

  /** The key the server accepts (a getter, so it does not show in `util.inspect`). */
  get apiKey(): string {
    return this.#apiKey;
  }

  /** Changes how new tasks live. */
  setPlan(plan: (body: Record<string, unknown>, index: number) => TaskPlan): void {
    this.#plan = plan;
  }

  /** Creates a task directly (as if another process had submitted it); returns its id. */
  seedTask(route: string, body: Record<string, unknown>, plan: TaskPlan): string {
    return this.#createTask(route, body, plan).id;
  }

  protected isAuthorized(authorization: string | undefined): boolean {
    return authorization === `Bearer ${this.#apiKey}`;
  }

  protected route(call: IncomingCall, req: IncomingMessage, res: ServerResponse): void {
    if (call.authorization === undefined) return this.json(res, 400, novitaErrorBody(400, 'MISSING_API_KEY', 'missing api key'));
    if (!this.isAuthorized(call.authorization)) return this.json(res, 403, novitaErrorBody(403, 'INVALID_API_KEY', 'invalid api key'));
    if (call.method === 'POST' && Object.hasOwn(NOVITA_WIRE_SCHEMAS, call.path)) return this.#create(call, req, res);
    if (call.method === 'GET' && call.path === '/v3/async/task-result') return this.#read(call, req, res);
    this.json(res, 404, novitaErrorBody(404, 'API_NOT_FOUND', `No API ${call.method} ${call.path}`));
  }

  #create(call: IncomingCall, req: IncomingMessage, res: ServerResponse): void {
    const parsed = NOVITA_WIRE_SCHEMAS[call.path]!.safeParse(call.body);
    if (!parsed.success || !isRecord(call.body)) {
      const issue = parsed.error?.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return this.json(res, 400, novitaErrorBody(400, 'INVALID_REQUEST_BODY', `${where}${issue?.message ?? 'body must be a JSON object'}`));
    }
    const task = this.#createTask(call.path, call.body, this.#plan(call.body, this.tasks.size));
    if (this.playLateFault('POST', req, res)) return;
    this.json(res, 200, { task_id: task.id });
  }

  #read(call: IncomingCall, req: IncomingMessage, res: ServerResponse): void {
    const id = call.query.get('task_id');
    if (!id) return this.json(res, 400, novitaErrorBody(400, 'INVALID_REQUEST_BODY', 'task_id is required'));
    const task = this.tasks.get(id);
    if (!task) return this.json(res, 404, novitaErrorBody(404, 'TASK_NOT_FOUND', 'task not found'));
    task.polls++;
    if (this.playLateFault('GET', req, res)) return;
    this.json(res, 200, this.#result(task, Date.now()));
  }

  /** The task-result answer: the shared task life, told in novita's words. */
  #result(task: FakeTaskState, now: number): Record<string, unknown> {
    // novita's links are its own (below); the content origin argument only shapes EvoLink's.
    const snap = snapshot(task, now, 'https://faas-output.fake-novita.test');
    const status = String(snap.status);
    const outcome = task.plan.outcome;
    const done = status === 'completed';
    const urls = done
      ? (outcome.status === 'completed' && outcome.results) || [`https://faas-output.fake-novita.test/video/${task.id}.mp4`]
      : [];
    const ttl = this.#resultTtl === undefined ? {} : { video_url_ttl: this.#resultTtl };
    const estimated = estimatedTime(task.plan);
    const error = isRecord(snap.error) ? snap.error : undefined;
    return {
      task: {
        task_id: task.id,
        status: STATUS_NAMES[status] ?? status,
        reason: status === 'failed' ? String(error?.message ?? error?.code ?? 'failed') : '',
        task_type: 'VIDEO',
        eta: done ? 0 : Math.max(0, Math.round(estimated - (now - task.createdAt) / 1000)),
        progress_percent: snap.progress,
      },
      extra: {
        seed: String(task.body.seed ?? ''),
        enable_nsfw_detection: false,
        debug_info: { request_info: '', submit_time_ms: String(task.createdAt), execute_time_ms: '', complete_time_ms: '' },
      },
      images: [],
      videos: urls.map((video_url) => ({ video_url, ...ttl, video_type: 'mp4' })),
      audios: [],
    };
  }

  #createTask(route: string, body: Record<string, unknown>, plan: TaskPlan): FakeTaskState {
    const id = randomUUID();
    const task: FakeTaskState = { id, model: route.slice('/v3/async/'.length), createdAt: Date.now(), polls: 0, plan, body };
    this.tasks.set(id, task);
    return task;
  }
}
