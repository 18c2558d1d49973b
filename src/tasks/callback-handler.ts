import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkNumber } from '../internal/check-option.js';
import { type DeliveryOutcome, DeliveryVerifier } from './callback-verifier.js';
import { CallbackError, type CallbackBody, claimedTaskId, MAX_CALLBACK_BYTES, type TaskReader } from './verify-callback.js';
import type { Task } from './task.js';
import { TRACER_OF_CLIENT, traced } from '../internal/tracing.js';
import type { CallSpan, TracerLike } from '../internal/spans.js';

/** Options of {@link createCallbackHandler}. */
export interface CallbackHandlerOptions {
  /** The client whose API verifies each delivery (`client.tasks.get`). */
  client: { tasks: TaskReader };
  /**
   * Called once per task in a terminal status, with the task as the API reports it (never the posted body), even when
   * EvoLink retries the delivery. A rejection is reported to `onError`, and the task is not marked handled: the next
   * delivery of it reaches `onTask` again.
   */
  onTask: (task: Task) => void | Promise<void>;
  /**
   * Called when a delivery cannot be verified (not JSON, no id, unknown task, API unreachable) or `onTask` fails.
   * @default logs nothing; errors are dropped after the 2xx was sent
   */
  onError?: ((error: unknown, taskId: string | undefined) => void) | undefined;
  /**
   * An OpenTelemetry `Tracer` for an `evolink.callback` span per delivery, from its receipt to the end of its
   * verification and `onTask`.
   * @default the `tracer` the client was made with
   */
  tracer?: TracerLike | undefined;
  /**
   * How many deliveries are verified against the API at once; the others wait their turn (up to 1,000 task ids, then
   * a delivery is answered `503` and EvoLink delivers it again later).
   * @default 4
   */
  maxConcurrentVerifications?: number | undefined;
}

/** A Fetch-API route handler (`Request` → `Response`) with a `node` adapter for `node:http` and Express. */
export interface CallbackHandler {
  (request: Request): Promise<Response>;
  /** `(req, res)` for `node:http`, Express, Fastify's raw request… */
  node(req: IncomingMessage, res: ServerResponse): void;
  /** Resolves when every verification started so far has finished (for tests and graceful shutdown). */
  idle(): Promise<void>;
}

/** Task ids remembered as handled, so that their replays cost no API read. */
const HANDLED_LIMIT = 10_000;
/** Task ids that may wait for a verification; beyond, deliveries are answered 503. */
const MAX_WAITING = 1_000;

/** What a delivery is answered with; `outcome` settles with what its verification found. */
interface Answer {
  status: number;
  text: string;
  outcome?: Promise<DeliveryOutcome> | undefined;
}

/**
 * Receives EvoLink's callbacks (`callback_url`). Each delivery is answered at once — `202` when it names a task,
 * `400` when it cannot — and verified in the background by re-fetching the task from the API, because EvoLink does
 * not sign callbacks. `onTask` then gets the API's task, once per task in a terminal status; a delivery whose task is
 * not terminal by the API's account (a forgery, or an early one) is not passed on. Replays cost nothing: a task
 * already handled is not read again, deliveries of a task being verified share its read, and at most
 * `maxConcurrentVerifications` reads run at once.
 *
 * @example
 * ```ts
 * const handler = createCallbackHandler({ client, onTask: (task) => console.log(task.id, task.status) });
 * createServer(handler.node).listen(8080);          // node:http
 * export const POST = handler;                      // Next.js / Hono / Deno / Bun
 * ```
 */
export function createCallbackHandler(options: CallbackHandlerOptions): CallbackHandler {
  const report = (error: unknown, id: string | undefined): void => {
    try {
      options.onError?.(error, id);
    } catch {
      // A throwing error hook must not become an unhandled rejection.
    }
  };
  const tracer = options.tracer ?? (options.client as { [TRACER_OF_CLIENT]?: TracerLike })[TRACER_OF_CLIENT];
  const tracing = tracer && { tracer, secret: '' };
  const verifier = new DeliveryVerifier({
    read: (id) => options.client.tasks.get(id),
    onTask: (task) => options.onTask(task),
    report,
    concurrency: checkNumber('maxConcurrentVerifications', options.maxConcurrentVerifications, { integer: true, min: 1 }) ?? 4,
    maxWaiting: MAX_WAITING,
    remember: HANDLED_LIMIT,
  });
  /** The answer to a delivery, and (when it names a task) what its verification, in the background, finds. */
  const answer = async (body: CallbackBody, span: CallSpan | undefined): Promise<Answer> => {
    try {
      const id = await claimedTaskId(body);
      const outcome = verifier.submit(id);
      span?.set({ 'evolink.task.id': id, 'http.response.status_code': outcome ? 202 : 503 });
      return outcome ? { status: 202, text: 'accepted', outcome } : { status: 503, text: 'busy' };
    } catch (error) {
      report(error, undefined);
      const status = error instanceof CallbackError && error.reason === 'too_large' ? 413 : 400;
      span?.fail(error);
      span?.set({ 'http.response.status_code': status });
      return { status, text: 'not a task callback' };
    }
  };
  // Traced, the span outlives the answer: it ends with what the verification in the background found.
  const accept = (body: CallbackBody): Promise<Answer> => {
    if (tracing === undefined) return answer(body, undefined);
    return new Promise((reply) => {
      let replied = false;
      traced(tracing, 'evolink.callback', { 'http.request.method': 'POST' }, async (span) => {
        const answered = await answer(body, span);
        replied = true;
        reply(answered);
        const outcome = await answered.outcome;
        if (outcome === undefined) return;
        span?.set({
          'evolink.task.status': outcome.status,
          'evolink.callback.delivered': outcome.delivered || undefined,
          'evolink.callback.verified_by': outcome.way,
        });
        if (outcome.error !== undefined) span?.fail(outcome.error);
      }).catch(() => {
        // A tracer that threw before the delivery was answered: it is answered untraced.
        if (!replied) reply(answer(body, undefined));
      });
    });
  };
  const handler = (async (request: Request) => {
    const { status, text } = await accept(request);
    return new Response(text, { status, headers: { 'content-type': 'text/plain' } });
  }) as CallbackHandler;
  handler.node = (req, res) => {
    const reply = ({ status, text }: { status: number; text: string }): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(text);
    };
    // Past the limit (declared, or as it arrives) nothing more is read: 413, then the connection is closed.
    const refuse = (): void => {
      req.off('data', onData);
      req.pause();
      report(new CallbackError('too_large', `The callback body is over ${MAX_CALLBACK_BYTES} bytes.`), undefined);
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
      res.end('not a task callback', () => req.destroy());
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_CALLBACK_BYTES) refuse();
      else chunks.push(chunk);
    };
    req.on('error', () => res.destroy());
    if (Number(req.headers['content-length']) > MAX_CALLBACK_BYTES) return refuse();
    req.on('data', onData);
    req.on('end', () => {
      if (size <= MAX_CALLBACK_BYTES) void accept(Buffer.concat(chunks).toString('utf8')).then(reply);
    });
  };
  handler.idle = () => verifier.idle();
  return handler;
}
