import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** `GET` (task reads) or `POST` (task creation); both when omitted. */
  method?: 'GET' | 'POST' | undefined;
  /**
   * Which origin: `api` (the generation API, default), `files` (the files API) or `downloads` (uploaded files and
   * result videos).
   */
  on?: 'api' | 'files' | 'downloads' | undefined;
  /** How many matching requests get the fault. @default 1 */
  times?: number | undefined;
  /**
   * `before` (default): the request is not processed. `after`: a POST creates its task first, then the fault is
   * delivered instead of the answer, as when a gateway fails after the server accepted the work.
   */
  when?: 'before' | 'after' | undefined;
}

/** What goes wrong. */
export type FaultAction =
  /** Answer with this status, headers and body (JSON when an object). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Close the connection abruptly (TCP reset) without answering. */
  | { kind: 'reset' }
  /** Send the headers and part of the body, then reset. */
  | { kind: 'reset-mid-body' }
  /** Never answer (the client must time out or be aborted). */
  | { kind: 'hang' }
  /** Send the headers and the first bytes, then nothing. */
  | { kind: 'stall-body' }
  /** Answer 200 with a body of `bytes` bytes, streamed. */
  | { kind: 'huge'; bytes: number }
  /** Downloads: send the headers and `afterBytes` bytes of the body, then close the connection. */
  | { kind: 'drop-mid-body'; afterBytes: number }
  /** Downloads: send the body in `chunkBytes` pieces, `delayMs` apart. */
  | { kind: 'slow'; chunkBytes: number; delayMs: number }
  /** Files API: HTTP 200 with `{ success: false, code, msg }`, as EvoLink's files API answers a refusal. */
  | { kind: 'refuse-upload'; code: number; msg: string }
  /** Full control over the raw response. */
  | { kind: 'custom'; respond: (req: IncomingMessage, res: ServerResponse) => void };

/** A scripted fault: a match and an action. */
export type Fault = FaultMatch & FaultAction;

/** The documented error body for a status, as EvoLink sends it. */
export function errorBody(code: string | number, message: string, type = 'invalid_request_error'): { error: Record<string, unknown> } {
  return { error: { code, message, type } };
}

const HTML_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/** Shorthands for common faults. */
export const faults = {
  /** A JSON error answer. `retryAfter` (seconds) sets `Retry-After`. */
  status(
    status: number,
    options: FaultMatch & { retryAfter?: number | string; headers?: Record<string, string>; body?: unknown } = {},
  ): Fault {
    const headers: Record<string, string> = { ...options.headers };
    if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
    const body =
      options.body ??
      errorBody(status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'internal_error' : 'invalid_request', `HTTP ${status}`);
    return { ...pickMatch(options), kind: 'status', status, headers, body };
  },
  /** An HTML gateway page with this status. */
  html(status: number, options: FaultMatch & { headers?: Record<string, string> } = {}): Fault {
    return { ...pickMatch(options), kind: 'status', status, headers: { 'content-type': 'text/html', ...options.headers }, body: HTML_PAGE };
  },
  reset: (options: FaultMatch = {}): Fault => ({ ...pickMatch(options), kind: 'reset' }),
  resetMidBody: (options: FaultMatch = {}): Fault => ({ ...pickMatch(options), kind: 'reset-mid-body' }),
  hang: (options: FaultMatch = {}): Fault => ({ ...pickMatch(options), kind: 'hang' }),
  stallBody: (options: FaultMatch = {}): Fault => ({ ...pickMatch(options), kind: 'stall-body' }),
  huge: (bytes: number, options: FaultMatch = {}): Fault => ({ ...pickMatch(options), kind: 'huge', bytes }),
  /** Downloads: the body breaks off after `afterBytes` bytes (the connection is closed). */
  dropMidBody: (afterBytes: number, options: FaultMatch = {}): Fault => ({
    ...pickMatch({ on: 'downloads', ...options }),
    kind: 'drop-mid-body',
    afterBytes,
  }),
  /** Downloads: the result link has expired (403, as a signed link past its expiry answers). */
  expired: (options: FaultMatch = {}): Fault => ({
    ...pickMatch({ on: 'downloads', ...options }),
    kind: 'status',
    status: 403,
    headers: { 'content-type': 'application/xml' },
    body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
  }),
  /** Downloads: the body trickles in (`chunkBytes` every `delayMs`). */
  slow: (chunkBytes: number, delayMs: number, options: FaultMatch = {}): Fault => ({
    ...pickMatch({ on: 'downloads', ...options }),
    kind: 'slow',
    chunkBytes,
    delayMs,
  }),
  /** Files API: an upload refused with HTTP 200 and `{ success: false, code, msg }`. */
  refuseUpload: (code = 400, msg = 'File type not supported', options: FaultMatch = {}): Fault => ({
    ...pickMatch({ on: 'files', ...options }),
    kind: 'refuse-upload',
    code,
    msg,
  }),
  /** 200 with exactly this raw body and content type (truncated JSON, HTML, empty…). */
  raw(body: string, contentType = 'application/json', options: FaultMatch = {}): Fault {
    return {
      ...pickMatch(options),
      kind: 'custom',
      respond: (_req, res) => {
        res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
    };
  },
};

function pickMatch(options: FaultMatch): FaultMatch {
  const out: FaultMatch = {};
  if (options.method !== undefined) out.method = options.method;
  if (options.times !== undefined) out.times = options.times;
  if (options.when !== undefined) out.when = options.when;
  if (options.on !== undefined) out.on = options.on;
  return out;
}

/** Delivers a fault on a raw response. */
export function deliverFault(fault: FaultAction, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.kind) {
    case 'status': {
      const isText = typeof fault.body === 'string';
      const body = isText ? (fault.body as string) : JSON.stringify(fault.body ?? {});
      res.writeHead(fault.status, { 'content-type': isText ? 'text/html' : 'application/json', ...fault.headers });
      res.end(body);
      return;
    }
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"id":"task-unified-0-partial","status":"proc');
      setTimeout(() => req.socket.resetAndDestroy(), 20);
      return;
    case 'hang':
      return;
    case 'stall-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"id":"task-unified-0-stall');
      return;
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < fault.bytes && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      res.write('{"padding":"');
      pump();
      return;
    }
    case 'refuse-upload':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, code: fault.code, msg: fault.msg }));
      return;
    case 'drop-mid-body':
    case 'slow':
      // Delivered by the content origin, which knows the body (see content.ts); anywhere else: a reset.
      req.socket.resetAndDestroy();
      return;
    case 'custom':
      fault.respond(req, res);
      return;
  }
}
