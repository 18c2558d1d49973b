import { type Clock, startTimer } from '../internal/clock.js';
import { LocalFileProblem, type MediaSource } from '../media/source.js';

/** What reading a remote media URL needs from the client. */
export interface RemoteMediaEnv {
  /**
   * A GET (or a HEAD) with exactly these headers and nothing else from the SDK (no API key, no SDK header: media hosts
   * are not the API's), following redirects, which fetch follows only to http(s) URLs.
   */
  open(url: string, headers: Record<string, string>, signal: AbortSignal, method?: 'GET' | 'HEAD'): Promise<Response>;
  clock: Clock;
  /** Milliseconds one URL may take to check, all reads together. */
  timeout: number;
  /** Aborts the checks (the call's signal, `client.close()`). */
  signal?: AbortSignal | undefined;
}

/** The most a remote check reads of one URL: its header, box headers and a `moov` (past this, the length is not read). */
export const REMOTE_MAX_BYTES = 8 * 1024 * 1024;
/** The longest a remote check may take, whatever the client's `timeout`. */
export const REMOTE_MAX_MS = 10_000;
/** The longest the HEAD for a file's length may take (within the check's deadline). */
const HEAD_MAX_MS = 3_000;

/** The URL for messages: no query string (signed links carry their signature there). */
const shown = (url: string): string => (URL.canParse(url) ? `${new URL(url).origin}${new URL(url).pathname}` : url.slice(0, 100));

/**
 * A remote `http(s)` media URL as a {@link MediaSource}: ranged GETs (`Range: bytes=a-b`), each body read only up to
 * what was asked for, within one deadline and {@link REMOTE_MAX_BYTES} per URL. The size comes from the first answer's
 * `Content-Range` (or `Content-Length` when the host ignores ranges: then only the front can be read). A host that
 * fails, answers an error status or is too slow is a `LocalFileProblem` (the media checks make it a `ValidationError`
 * naming the field). Streaming the whole file is refused: remote media is checked, never uploaded.
 *
 * A HEAD is sent only where it serves: when that first answer does not give the file's length (`Content-Range:
 * bytes 0-65535/*`, or a 200 sent chunked), its `Content-Length` is the size, so a `moov` at the end can still be
 * found and the size limit checked. Not before every GET: the first ranged GET already answers all a HEAD would (the
 * status, a web page's `Content-Type`, the length in `Content-Range`, ranges honoured or not by 206 or 200), so a HEAD
 * first would be one more round trip per URL; and a HEAD's failure proves nothing, since the server fetches with GET
 * and signed links (OSS, S3) sign the method: a GET link answers a HEAD 403. So a HEAD refused (405, 501, 403), slow
 * or failing leaves the length unknown, and the file is judged by what the GET read, never refused on the HEAD.
 */
export function remoteSource(url: string, env: RemoteMediaEnv): MediaSource {
  const label = shown(url);
  const deadline = new AbortController();
  const signal = env.signal ? AbortSignal.any([env.signal, deadline.signal]) : deadline.signal;
  let stopTimer: (() => void) | undefined;
  let budget = REMOTE_MAX_BYTES;
  /** The first answer: the front of the file and its size, shared by `size()` and the header reads. */
  let front: Promise<{ bytes: Uint8Array; size: number; ranges: boolean }> | undefined;

  const fail = (message: string, cause?: unknown) =>
    new LocalFileProblem(label, undefined, new Error(`${message}; the server must be able to download it, so check the URL`, { cause }));
  const late = () => fail(`the host did not answer within ${env.timeout} ms`);

  async function get(offset: number, n: number): Promise<{ bytes: Uint8Array; total: number | undefined; ranges: boolean }> {
    stopTimer ??= startTimer(env.clock, env.timeout, () => deadline.abort(late()));
    let response: Response;
    try {
      response = await env.open(url, { range: `bytes=${offset}-${offset + n - 1}`, 'accept-encoding': 'identity' }, signal);
    } catch (error) {
      if (deadline.signal.aborted) throw late();
      if (env.signal?.aborted) throw env.signal.reason;
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw fail(`it could not be fetched (${reason})`, error);
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel().catch(() => {});
      throw fail(`the host answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
      // A sign-in or preview page where the file was expected: the server would fetch the page too.
      await response.body?.cancel().catch(() => {});
      throw fail("the host answered a web page (text/html), not the file: pass the file's direct link");
    }
    const range = /^bytes \d+-\d+\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    const ranges = response.status === 206;
    const total = range ? Number(range[1]) : !ranges && Number.isFinite(length) ? length : undefined;
    // A host that ignores Range sends the file from its start: skip to `offset`, keep `n` bytes, close the rest.
    const bytes = await readAtMost(response, ranges ? 0 : offset, Math.min(n, budget), signal).catch((error: unknown) => {
      throw deadline.signal.aborted ? late() : error;
    });
    budget -= bytes.length;
    return { bytes, total, ranges };
  }

  /** The file's length from a HEAD, or `undefined` when the host refuses it, fails, is slow or does not say. */
  async function headLength(atLeast: number): Promise<number | undefined> {
    const bounded = new AbortController();
    const stop = startTimer(env.clock, HEAD_MAX_MS, () => bounded.abort());
    try {
      const response = await env.open(url, { 'accept-encoding': 'identity' }, AbortSignal.any([signal, bounded.signal]), 'HEAD');
      await response.body?.cancel().catch(() => {});
      const length = /^\d+$/.exec(response.headers.get('content-length') ?? '');
      const size = length ? Number(length[0]) : Number.NaN;
      return response.status === 200 && Number.isSafeInteger(size) && size >= atLeast ? size : undefined;
    } catch {
      if (env.signal?.aborted) throw env.signal.reason;
      return undefined;
    } finally {
      stop();
    }
  }

  const first = () => {
    front ??= get(0, FRONT_BYTES).then(async ({ bytes, total, ranges }) => {
      // A body shorter than asked for is the whole file; a full one of unknown length may be the front of a larger one.
      const size = total ?? (bytes.length < FRONT_BYTES ? undefined : await headLength(bytes.length)) ?? bytes.length;
      return { bytes, ranges, size };
    });
    return front;
  };
  const source: MediaSource = {
    label,
    name: undefined,
    declaredType: undefined,
    size: async () => (await first()).size,
    head: (n) => source.read(0, n),
    async read(offset, n) {
      const { bytes, ranges, size } = await first();
      if (offset + n <= bytes.length || bytes.length >= size) return bytes.subarray(offset, offset + n);
      // Past the byte budget, or beyond the front of a host without ranges: nothing more (the length stays unread).
      if (budget <= 0 || !ranges) return new Uint8Array();
      return (await get(offset, n)).bytes;
    },
    stream: () => {
      throw new Error('remote media is checked, not streamed');
    },
    close: () => stopTimer?.(),
  };
  return source;
}

/** The first read of a remote file: enough for any header the checks sniff, and a front `moov`. */
const FRONT_BYTES = 64 * 1024;

/** Up to `n` bytes of a response body after skipping `skip`, then the body is closed: never the whole file. */
async function readAtMost(response: Response, skip: number, n: number, signal: AbortSignal): Promise<Uint8Array> {
  const out = new Uint8Array(Math.max(0, n));
  let filled = 0;
  let skipped = 0;
  const reader = response.body?.getReader();
  if (!reader) return out.subarray(0, 0);
  try {
    while (filled < n) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      let chunk = value;
      if (skipped < skip) {
        const drop = Math.min(skip - skipped, chunk.length);
        skipped += drop;
        chunk = chunk.subarray(drop);
      }
      const take = Math.min(chunk.length, n - filled);
      out.set(chunk.subarray(0, take), filled);
      filled += take;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return out.subarray(0, filled);
}
