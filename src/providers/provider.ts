import type { RequestContext } from '../errors/api-error.js';
import type { BuildOptions } from '../request/build-generation.js';
import type { RequestSpec } from '../request/build-request.js';
import type { ErrorFormat } from '../errors/from-response.js';
import type { Task } from '../tasks/task.js';
import type { ProviderInfo } from './info.js';

/** What a task parser knows about the (2xx) answer it reads. */
export interface ParseContext extends RequestContext {
  /** HTTP status of the answer. */
  status: number;
  /** Epoch milliseconds when the answer was read: relative fields (a link's time to live) are anchored here. */
  receivedAt: number;
  /** For a read by id: the task asked for. An answer about another task is refused. */
  expectedId?: string | undefined;
}

/**
 * A gateway that serves the Wan models: where it lives, how its key is found, the calls the client makes and how
 * their answers read. The client knows nothing else about a gateway's wire format: parameters go in with the SDK's
 * (EvoLink's) names, tasks and errors come out in the SDK's shape.
 */
export interface Provider extends ProviderInfo {
  /** Validates generation parameters and describes the task-creating call. Throws `ValidationError`. */
  createTask(params: unknown, options: BuildOptions): RequestSpec;
  /** Describes the call that reads one task. Throws `ValidationError` for an id that is not one. */
  getTask(taskId: unknown): RequestSpec;
  /** The account's credits, where the gateway reports them: the call, and how to read its answer. */
  readonly credits?: { request(): RequestSpec; parse(data: unknown): Credits | undefined } | undefined;
  /** The created task, from the answer to {@link Provider.createTask}'s call. Throws `InvalidResponseError`. */
  parseCreated(data: unknown, context: ParseContext): Task;
  /** A snapshot of the task, from the answer to {@link Provider.getTask}'s call. Throws `InvalidResponseError`. */
  parseTask(data: unknown, context: ParseContext): Task;
  /** How the gateway's error bodies read; the error class follows the HTTP status. */
  readonly errors: ErrorFormat;
}

/** One account's credit figures, as `GET /v1/credits` reports them (fields optional: record what is there). */
export interface CreditBalance {
  /** Credits left. */
  remaining_credits?: number;
  /** Credits spent so far. */
  used_credits?: number;
  /** `true` when the key has no credit limit of its own (token only). */
  unlimited_credits?: boolean;
  [key: string]: unknown;
}

/** Credits of the API key (`token`) and of the account behind it (`user`). */
export interface Credits {
  token: CreditBalance;
  user: CreditBalance;
  /** `x-request-id` of the answer (non-enumerable). */
  readonly requestId?: string;
}
