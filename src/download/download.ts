import type { SdkLogger } from '../internal/logger.js';
import { APIConnectionError, APIError, DownloadError, EvoLinkError, ResultExpiredError } from '../errors/index.js';
import { linkSignals, watchAbort } from '../internal/abort.js';
import type { Clock } from '../internal/clock.js';
import { idleTimer } from '../internal/idle-timer.js';
import { AttemptTimedOut, errorForAbort } from '../transport/attempt-abort.js';
import { decideRetry, type RetryPolicyOptions } from '../transport/retry-policy.js';
import type { DownloadDestination, DownloadOptions, DownloadResult, Sink } from './types.js';
import { openSink } from './sink.js';
import { type FileVersion, ifRangeOf, isSameVersion, mayBeSameVersion, versionOf } from './version.js';

/** The result link to download, with what the SDK knows about it. */
export interface DownloadSource {
  url: string;
  taskId?: string | undefined;
  /** When the link stops working, when known (a completed task's `expiresAt`). */
  expiresAt?: Date | undefined;
}

/** What a download needs from the client. */
export interface DownloadEnv {
  /** A GET with exactly these headers: no API key, no SDK header (result links live on another host). */
  open(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<Response>;
  clock: Clock;
  policy: RetryPolicyOptions;
  /** Aborted by `client.close()`. */
  closed: AbortSignal;
  /** Default idle timeout, in milliseconds. */
  timeout: number;
  /** Where each attempt (debug) and each resume (warn) is logged; links are logged without their query (signed). */
  log?: SdkLogger | undefined;
}

/** Resumes after a dropped or failing connection, by default. */
export const DEFAULT_DOWNLOAD_RETRIES = 3;
/** Statuses that mean the link is gone for good: the signed link expired or the result was deleted. */
const EXPIRED_STATUSES = new Set([403, 404, 410]);

/** Where the response's bytes start and how many there are in all, from a 200 or a 206. */
interface Span {
  start: number;
  total: number | undefined;
}

function spanOf(response: Response): Span | undefined {
  const length = response.headers.get('content-length');
  if (response.status === 200) return { start: 0, total: length === null ? undefined : Number(length) };
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[3] === '*' ? undefined : Number(match[3]) };
}

/** The link for messages: no query string (signed links carry their signature there). */
const shown = (url: string): string => (URL.canParse(url) ? `${new URL(url).origin}${new URL(url).pathname}` : url.slice(0, 100));

/**
 * Downloads a result to a file or stream without holding it in memory. A dropped connection, a stall longer than
 * `timeout`, a 429 or a 5xx is resumed from the last byte written (`Range`, with `If-Range` when the host gave a
 * validator), up to `maxRetries` times in a row ({@link decideRetry} decides, as for every retry of the SDK); progress
 * resets the count. The bytes written are checked against `Content-Length` / `Content-Range`. A link past `expiresAt`,
 * or a 403/404/410, is a {@link ResultExpiredError}.
 */
export async function download(
  source: DownloadSource,
  dest: DownloadDestination,
  options: DownloadOptions,
  env: DownloadEnv,
): Promise<DownloadResult> {
  const { url, taskId } = source;
  if (source.expiresAt && env.clock.now() >= source.expiresAt.getTime())
    throw new ResultExpiredError({ taskId, url, expiresAt: source.expiresAt });
  const operation = linkSignals([options.signal, env.closed]);
  const state: DownloadState = { received: 0, total: undefined, contentType: undefined, version: undefined };
  const fail = (message: string, init: { status?: number | undefined; cause?: unknown } = {}): DownloadError =>
    new DownloadError(
      `Downloading ${shown(url)} failed: ${message} (${state.received}${state.total === undefined ? '' : ` of ${state.total}`} bytes written).`,
      {
        url,
        taskId,
        received: state.received,
        total: state.total,
        ...init,
      },
    );
  let sink: Sink | undefined;
  try {
    sink = await openSink(dest);
    for (let retriesDone = 0; ; ) {
      const before = state.received;
      try {
        await attempt(sink, state, source, options, env, operation.signal, fail);
        break;
      } catch (error) {
        if (operation.signal.aborted) throw errorForAbort(operation.signal.reason, { taskId, what: `downloading ${shown(url)}` }, false);
        if (error instanceof ResultExpiredError || error instanceof DownloadError) throw error;
        if (state.received > before) retriesDone = 0;
        const decision = decideRetry({
          error,
          method: 'GET',
          retriesDone,
          maxRetries: options.maxRetries ?? DEFAULT_DOWNLOAD_RETRIES,
          now: env.clock.now(),
          deadline: undefined,
          policy: env.policy,
        });
        if (!decision.retry) {
          const reason = error instanceof Error ? error.message : String(error);
          throw fail(decision.reason === 'exhausted' ? `gave up after ${retriesDone} resumes: ${reason}` : reason, {
            status: error instanceof APIError ? error.status : undefined,
            cause: error,
          });
        }
        retriesDone++;
        env.log?.warn(`Resuming the download of ${shown(url)} at byte ${state.received} in ${decision.delay} ms`, {
          taskId,
          retry: retriesDone,
          delay: decision.delay,
          error: error instanceof Error ? error.message : String(error),
        });
        await env.clock.sleep(decision.delay, operation.signal).catch((reason: unknown) => {
          throw errorForAbort(reason, { taskId, what: `downloading ${shown(url)}` }, false);
        });
      }
    }
    await sink.finish();
    return { path: sink.path, bytes: state.received, contentType: state.contentType };
  } catch (error) {
    await sink?.abandon();
    if (error instanceof EvoLinkError) throw error;
    throw fail(error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    operation.cleanup();
  }
}

/** What a download has written so far, and which version of the file it is. */
interface DownloadState {
  received: number;
  total: number | undefined;
  contentType: string | undefined;
  /** The validators of the first answer: every later answer must be the same file. */
  version: FileVersion | undefined;
}

/** One request: from `state.received` to the end, or until the connection fails. */
async function attempt(
  sink: Sink,
  state: DownloadState,
  source: DownloadSource,
  options: DownloadOptions,
  env: DownloadEnv,
  signal: AbortSignal,
  fail: (message: string, init?: { status?: number | undefined; cause?: unknown }) => DownloadError,
): Promise<void> {
  const linked = linkSignals([signal]);
  const timeout = options.timeout ?? env.timeout;
  const idle = idleTimer(env.clock, timeout, () => linked.abort(new AttemptTimedOut(timeout)));
  const dropped = (error: unknown): Error =>
    linked.signal.aborted && !signal.aborted
      ? errorForAbort(linked.signal.reason, { taskId: source.taskId, what: 'the download' }, true)
      : new APIConnectionError(`the connection broke (${(error as Error)?.message ?? String(error)})`, {
          cause: error,
          mayHaveReachedServer: true,
          taskId: source.taskId,
        });
  try {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (state.received > 0) {
      headers.range = `bytes=${state.received}-`;
      const ifRange = ifRangeOf(state.version);
      if (ifRange !== undefined) headers['if-range'] = ifRange;
    }
    let response: Response;
    try {
      response = await env.open(source.url, headers, linked.signal);
    } catch (error) {
      throw dropped(error);
    }
    idle.touch();
    env.log?.debug(`GET ${shown(source.url)} → ${response.status}`, {
      taskId: source.taskId,
      status: response.status,
      range: headers.range,
    });
    if (EXPIRED_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => {});
      throw new ResultExpiredError({ taskId: source.taskId, url: source.url, expiresAt: source.expiresAt, status: response.status });
    }
    if (response.status === 416 && state.total !== undefined && state.received === state.total) return;
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel().catch(() => {});
      const headerRecord = Object.fromEntries(response.headers);
      throw new APIError(`the result host answered ${response.status}`, {
        status: response.status,
        headers: headerRecord,
        taskId: source.taskId,
      });
    }
    const span = spanOf(response);
    if (!span || (response.status === 206 && span.start !== state.received)) {
      await response.body?.cancel().catch(() => {});
      throw fail(`the result host answered a range request with ${response.headers.get('content-range') ?? 'no Content-Range'}`);
    }
    const version = versionOf(response);
    // Where this body starts in what is written: a 200 to a resume is the whole file, maybe a changed one.
    let skip = 0;
    if (response.status === 200 && state.received > 0) {
      if (sink.rewind) {
        env.log?.warn(`The result host sent ${shown(source.url)} whole to a resume: writing it again from byte 0`, {
          taskId: source.taskId,
          status: 200,
        });
        await sink.rewind();
        Object.assign(state, { received: 0, total: undefined, contentType: undefined, version: undefined });
        options.onProgress?.({ received: 0, total: span.total });
      } else if (state.version && isSameVersion(state.version, version) && span.total === state.total) {
        skip = state.received; // the same file again: a host that ignores Range; skip what the stream already has
      } else {
        await response.body?.cancel().catch(() => {});
        throw fail(
          'the result host sent the whole file again, not known to be the same version, and a stream cannot be rewound; download to a file path, or start again',
        );
      }
    } else if (state.version && !mayBeSameVersion(state.version, version)) {
      await response.body?.cancel().catch(() => {});
      throw fail(`the file changed on the result host (${describeVersion(state.version)}, then ${describeVersion(version)})`);
    }
    if (state.total !== undefined && span.total !== undefined && span.total !== state.total) {
      await response.body?.cancel().catch(() => {});
      throw fail(`the file changed on the result host (${state.total} bytes, then ${span.total})`);
    }
    state.total ??= span.total;
    state.contentType ??= response.headers.get('content-type') ?? undefined;
    state.version ??= version;
    const reader = response.body?.getReader();
    for (;;) {
      let chunk: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
      try {
        chunk = reader ? await reader.read() : { done: true, value: undefined };
      } catch (error) {
        throw dropped(error);
      }
      if (chunk.done) break;
      idle.touch();
      let bytes = chunk.value;
      if (skip > 0) {
        const dropCount = Math.min(skip, bytes.byteLength);
        skip -= dropCount;
        bytes = bytes.subarray(dropCount);
        if (bytes.byteLength === 0) continue;
      }
      if (state.total !== undefined && state.received + bytes.byteLength > state.total) {
        await reader?.cancel().catch(() => {});
        throw fail(`the result host sent more than the ${state.total} bytes it announced`);
      }
      // A destination that stops draining must not hold the download past an abort or close().
      await untilAborted(sink.write(bytes), signal);
      idle.touch(); // a slow destination is not a stalled connection
      state.received += bytes.byteLength;
      options.onProgress?.({ received: state.received, total: state.total });
    }
    if (state.total !== undefined && state.received < state.total)
      throw dropped(new Error(`the body ended at ${state.received} of ${state.total} bytes`));
  } finally {
    idle.stop();
    linked.cleanup();
  }
}

const describeVersion = (v: FileVersion): string =>
  v.etag !== undefined ? `ETag ${v.etag}` : v.lastModified !== undefined ? `Last-Modified ${v.lastModified}` : 'no validator';

/** `promise`, or a rejection with the signal's reason as soon as it fires (the promise is left to settle on its own). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = watchAbort(signal, () => reject(signal.reason));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
