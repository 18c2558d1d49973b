import { EvoLinkError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import { safeJsonParse } from '../internal/safe-json.js';
import type { Task } from './task.js';

/** What a callback delivery can be handed in as: the raw body, a parsed object, or a Fetch `Request`. */
export type CallbackBody = string | Uint8Array | ArrayBuffer | Record<string, unknown> | Request;

/** Why a callback delivery could not be turned into a verified task. */
export type CallbackErrorReason = 'invalid_body' | 'missing_task_id' | 'too_large';

/**
 * A callback body that cannot name a task: not JSON, no `id`, or too large. The delivery was not from EvoLink (or
 * was mangled on the way); nothing was fetched. A body naming an unknown task surfaces as the API's own error
 * (`NotFoundError`) from the re-fetch instead.
 */
export class CallbackError extends EvoLinkError {
  static override readonly errorName: string = 'CallbackError';
  readonly reason: CallbackErrorReason;

  constructor(reason: CallbackErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Largest callback body read (a task-detail answer is a few KB). */
export const MAX_CALLBACK_BYTES = 1_048_576;

/** Reads a callback body (any accepted form) into the task id it claims. Throws `CallbackError`. */
export async function claimedTaskId(body: CallbackBody): Promise<string> {
  let data: unknown = body;
  if (typeof Request !== 'undefined' && body instanceof Request) data = await readRequest(body);
  if (typeof data === 'string' || data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    if (text.length > MAX_CALLBACK_BYTES) throw tooLarge();
    try {
      data = safeJsonParse(text);
    } catch {
      throw new CallbackError('invalid_body', 'The callback body is not JSON; EvoLink posts the task-detail JSON.');
    }
  }
  if (!isRecord(data)) throw new CallbackError('invalid_body', 'The callback body is not a JSON object.');
  if (typeof data.id !== 'string' || data.id === '') {
    throw new CallbackError('missing_task_id', 'The callback body has no task id (`id`); it cannot be verified.');
  }
  return data.id;
}

const tooLarge = (): CallbackError => new CallbackError('too_large', `The callback body is over ${MAX_CALLBACK_BYTES} bytes.`);

/**
 * Reads a Request's body as it arrives, up to {@link MAX_CALLBACK_BYTES}: past the limit (declared or sent, chunked
 * without `Content-Length` too) the body is cancelled and nothing more is read, so an endless body costs at most the
 * limit.
 */
async function readRequest(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_CALLBACK_BYTES) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (request.bodyUsed) throw new TypeError('the body was already read');
    const reader = request.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      size += chunk.value.byteLength;
      if (size > MAX_CALLBACK_BYTES) {
        await reader?.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  } catch (cause) {
    if (cause instanceof CallbackError) throw cause;
    throw new CallbackError(
      'invalid_body',
      `The callback Request's body could not be read (${cause instanceof Error ? cause.message : String(cause)}); pass the Request before reading its body, or the text you read.`,
    );
  }
  const bytes = new Uint8Array(size);
  for (let i = 0, offset = 0; i < chunks.length; offset += chunks[i]!.byteLength, i++) bytes.set(chunks[i]!, offset);
  return new TextDecoder().decode(bytes);
}

/** Reads tasks by id: `client.tasks` satisfies it. */
export interface TaskReader {
  get(taskId: string): PromiseLike<Task>;
}

/**
 * Verifies a callback delivery: takes only the task id from the body and returns the task **as the API reports it**,
 * never the posted body. EvoLink does not sign callbacks, so anyone who learns the URL can post anything to it; a
 * body that disagrees with the API (say, "completed" while the API says "processing") is answered with the API's task.
 */
export async function verifyCallback(tasks: TaskReader, body: CallbackBody): Promise<Task> {
  const id = await claimedTaskId(body);
  return tasks.get(id);
}
