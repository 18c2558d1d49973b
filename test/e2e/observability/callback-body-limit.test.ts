// Callback bodies are read within the limit, as they arrive: past 1 MiB (declared, or sent chunked without a
// Content-Length, or never ending) the handler stops reading, answers 413 and cancels the body (Fetch) or closes the
// connection (node:http), so an endless body costs at most the limit.
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackError, createCallbackHandler } from '../../../src/index.js';
import { setup } from '../../support/fake.js';

const LIMIT = 1_048_576;
const CHUNK = 64 * 1024;
const SLACK = 1_048_576; // what socket and stream buffers may hold beyond the limit

/** A body of `total` bytes (Infinity: endless) in 64 KiB chunks, counting what was pulled and whether it was cancelled. */
function body(total: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        const size = Math.min(CHUNK, total - state.pulled);
        state.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { state, stream };
}

const post = (stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request =>
  new Request('https://hooks.example.com/evolink', { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit);

describe('the Fetch handler reads a callback body within the limit, as it arrives', () => {
  it.each([
    ['an endless chunked body', Number.POSITIVE_INFINITY],
    ['a 64 MiB chunked body without Content-Length', 64 * 1024 * 1024],
    ['one byte over the limit', LIMIT + 1],
  ])('%s: 413 once the limit is passed, the body cancelled', async (_name, total) => {
    const { client } = await setup();
    const errors: unknown[] = [];
    const handler = createCallbackHandler({ client, onTask: () => {}, onError: (e) => errors.push(e) });
    const { state, stream } = body(total);
    const answer = await handler(post(stream));
    expect(answer.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(LIMIT + CHUNK);
    expect(state.cancelled).toBe(true);
    expect(errors[0]).toBeInstanceOf(CallbackError);
    expect(errors[0]).toMatchObject({ reason: 'too_large' });
  });

  it('a declared Content-Length over the limit is refused without reading', async () => {
    const { client } = await setup();
    const handler = createCallbackHandler({ client, onTask: () => {} });
    const { state, stream } = body(Number.POSITIVE_INFINITY);
    const answer = await handler(post(stream, { 'content-length': String(64 * 1024 * 1024) }));
    expect(answer.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it('a task callback sent in small chunks is read whole and accepted', async () => {
    const { client } = await setup();
    const { id } = await client.textToVideo({ prompt: 'A cat' });
    const handler = createCallbackHandler({ client, onTask: () => {} });
    const text = JSON.stringify({ id, status: 'completed', padding: ' '.repeat(200_000) });
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 1000));
        offset += 1000;
      },
    });
    expect((await handler(post(stream))).status).toBe(202);
    await handler.idle();
  });
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A node:http receiver running handler.node, counting the body bytes it was handed. */
async function receiver() {
  const { client } = await setup();
  const handler = createCallbackHandler({ client, onTask: () => {} });
  const counted = { bytes: 0 };
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      counted.bytes += chunk.length;
    });
    handler.node(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, counted };
}

/** Posts `total` bytes (Infinity: until the server answers or closes), chunked unless `declared` is given. */
function send(port: number, total: number, declared?: number) {
  return new Promise<{ status: number | undefined; closed: boolean }>((resolve) => {
    let status: number | undefined;
    const headers: Record<string, string> = declared === undefined ? {} : { 'content-length': String(declared) };
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/hook', headers });
    const chunk = Buffer.alloc(CHUNK, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (status === undefined && !req.destroyed && sent < total) {
        sent += CHUNK;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (sent >= total && !req.destroyed) req.end();
    };
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
      res.on('end', () => req.destroy());
    });
    req.on('error', () => {}); // EPIPE / ECONNRESET once the server closed the connection
    req.on('close', () => resolve({ status, closed: true }));
    pump();
  });
}

describe('the node:http adapter stops reading past the limit and closes the connection', () => {
  it.each([
    ['an endless chunked body', Number.POSITIVE_INFINITY, undefined],
    ['an 8 MiB chunked body', 8 * 1024 * 1024, undefined],
    ['an 8 MiB body with its Content-Length', 8 * 1024 * 1024, 8 * 1024 * 1024],
    ['a declared 100 MiB of which 1 MiB is sent', 1024 * 1024, 100 * 1024 * 1024],
  ])('%s: 413, at most the limit read', async (_name, total, declared) => {
    const { port, counted } = await receiver();
    const outcome = await send(port, total, declared);
    expect(outcome).toEqual({ status: 413, closed: true });
    expect(counted.bytes).toBeLessThanOrEqual(LIMIT + SLACK);
  });
});
