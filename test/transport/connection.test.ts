import { describe, expect, it, vi } from 'vitest';
import type { PreparedRequest } from '../../src/request/build-request.js';
import { AttemptAbort } from '../../src/transport/attempt-abort.js';
import { type DispatchingClient, sendViaConnection } from '../../src/transport/connection.js';
import { BodyTooLargeError } from '../../src/transport/wire.js';

const REQUEST: PreparedRequest = { method: 'POST', path: '/v1/videos/generations', headers: { accept: 'application/json' }, body: '{}' };

interface Handler {
  onConnect(abort: (reason: unknown) => void): void;
  onHeaders(status: number, raw: Buffer[], resume: () => void, text: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(trailers: Buffer[]): void;
  onError(error: unknown): void;
}

/** A stand-in for an undici Client: records the dispatch, and lets the test play undici's side of the handler. */
function fakeClient() {
  const seen: { options?: unknown; handler?: Handler } = {};
  // undici's abort: the request fails at once with the reason.
  const abort = vi.fn((reason: unknown) => seen.handler!.onError(reason));
  const client: DispatchingClient = {
    dispatch(options, handler) {
      seen.options = options;
      seen.handler = handler as Handler;
      return true;
    },
  };
  return { client, seen, abort };
}

const raw = (...pairs: string[]) => pairs.map((s) => Buffer.from(s, 'latin1'));

describe('sendViaConnection: the SDK pool’s own undici handler', () => {
  it('dispatches the prepared request and reads head and body as undici delivers them', async () => {
    const { client, seen, abort } = fakeClient();
    const sent = sendViaConnection(client, '/v1/videos/generations', REQUEST, new AttemptAbort('none'), 1024);
    expect(seen.options).toEqual({ path: '/v1/videos/generations', method: 'POST', headers: REQUEST.headers, body: '{}' });
    const handler = seen.handler!;
    handler.onConnect(abort);
    handler.onHeaders(103, raw('link', '</a>'), () => {}, 'Early Hints');
    handler.onHeaders(200, raw('Content-Type', 'application/json', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2'), () => {}, 'OK');
    handler.onData(Buffer.from('{"id":'));
    handler.onData(Buffer.from('"t-1"}'));
    handler.onComplete([]);
    const wire = await sent;
    expect(wire.status).toBe(200);
    expect(wire.headers).toEqual({ 'content-type': 'application/json', 'set-cookie': 'a=1, b=2' });
    await expect(wire.text(1024)).resolves.toBe('{"id":"t-1"}');
    expect(abort).not.toHaveBeenCalled();
  });

  it('past the cap, aborts the request with what was read before the chunk that crossed it', async () => {
    const { client, seen, abort } = fakeClient();
    const sent = sendViaConnection(client, '/p', REQUEST, new AttemptAbort('none'), 10);
    seen.handler!.onConnect(abort);
    seen.handler!.onHeaders(500, raw('content-type', 'application/json'), () => {}, 'Oops');
    const wire = await sent;
    expect(seen.handler!.onData(Buffer.from('123456'))).toBe(true);
    expect(seen.handler!.onData(Buffer.from('7890ab'))).toBe(false);
    const error = await wire.text(10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).partial).toBe('123456');
    expect(abort).toHaveBeenCalledTimes(1);
  });

  it('a declared content-length over the cap fails the body at once', async () => {
    const { client, seen, abort } = fakeClient();
    const sent = sendViaConnection(client, '/p', REQUEST, new AttemptAbort('none'), 10);
    seen.handler!.onConnect(abort);
    seen.handler!.onHeaders(200, raw('content-length', '11'), () => {}, 'OK');
    const error = await (await sent).text(10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).partial).toBe('');
  });

  it('an attempt aborted before undici connected aborts the request as soon as it does; an error before the head rejects', async () => {
    const { client, seen, abort } = fakeClient();
    const attempt = new AttemptAbort('none');
    const sent = sendViaConnection(client, '/p', REQUEST, attempt, 10);
    attempt.abort('timed out');
    expect(abort).not.toHaveBeenCalled();
    seen.handler!.onConnect(abort);
    expect(abort).toHaveBeenCalledWith('timed out');
    await expect(sent).rejects.toBe('timed out');
  });

  it('an attempt aborted while the body streams fails text(); discard() settles either way', async () => {
    const { client, seen, abort } = fakeClient();
    const attempt = new AttemptAbort('none');
    const sent = sendViaConnection(client, '/p', REQUEST, attempt, 100);
    seen.handler!.onConnect(abort);
    seen.handler!.onHeaders(200, raw(), () => {}, 'OK');
    const wire = await sent;
    seen.handler!.onData(Buffer.from('{"id"'));
    attempt.abort('closed');
    await expect(wire.text(100)).rejects.toBe('closed');
    await expect(wire.discard()).resolves.toBeUndefined();
  });
});
