import type { PreparedRequest } from '../request/build-request.js';
import { type BodyStream, readStreamCapped } from './decode-body.js';
import type { WireResponse } from './wire.js';

/** What the SDK calls on an undici dispatcher (an `Agent`, `Client`, `ProxyAgent`, `MockAgent` of undici 6, 7 or 8). */
export interface RequestDispatcher {
  request(options: {
    origin: string;
    path: string;
    method: string;
    headers: Record<string, string>;
    body?: string | undefined;
    /** An `EventEmitter` that emits `abort` (undici's `request()` accepts one). */
    signal: unknown;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body: BodyStream & { dump?(): Promise<unknown> };
  }>;
}

/** Sends through an undici dispatcher's own `request()` API (never through another undici's fetch). */
export async function sendViaDispatcher(
  dispatcher: RequestDispatcher,
  origin: string,
  path: string,
  request: PreparedRequest,
  signal: unknown,
): Promise<WireResponse> {
  return wireFromDispatcher(
    await dispatcher.request({ origin, path, method: request.method, headers: request.headers, body: request.body, signal }),
  );
}

/** An undici `request()` answer as a {@link WireResponse}: its body is read with {@link readStreamCapped}, which decodes it. */
export function wireFromDispatcher(answer: Awaited<ReturnType<RequestDispatcher['request']>>): WireResponse {
  const { statusCode, headers: raw, body } = answer;
  const headers: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return {
    status: statusCode,
    headers,
    text: (limit) => readStreamCapped(body, headers, limit),
    discard: async () => {
      if (body.dump) await body.dump().catch(() => {});
      else body.destroy();
    },
  };
}
