import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEvoLinkServer, type FakeServerOptions, type Fault } from '../../src/testing/index.js';
import { openRaw, rawRequest, statusOf, type RawConnection } from './raw-http.js';

// Users host the fake server inside their test process: nothing a client sends (or a fault or plan they write)
// may crash that process. Each case ends by proving the server still answers a normal request, and afterEach
// proves no 'uncaughtException' or 'unhandledRejection' fired.

const MIB = 1024 * 1024;
const CREATE = JSON.stringify({ model: 'wan2.7-text-to-video', prompt: 'a cat' });

const crashes: unknown[] = [];
const onCrash = (error: unknown): void => void crashes.push(error);
let server: FakeEvoLinkServer | undefined;
let logLines: string[] = [];

async function start(options: FakeServerOptions = {}): Promise<FakeEvoLinkServer> {
  server = await FakeEvoLinkServer.start({ log: (line) => logLines.push(line), ...options });
  return server;
}

function authorized(fake: FakeEvoLinkServer, requestLine: string): string {
  return `${requestLine} HTTP/1.1\r\nAuthorization: Bearer ${fake.apiKey}`;
}

async function expectStillServing(fake: FakeEvoLinkServer): Promise<void> {
  const { text } = await rawRequest(
    fake.url,
    `${authorized(fake, 'POST /v1/videos/generations')}\r\nContent-Type: application/json`,
    CREATE,
  );
  expect(statusOf(text)).toBe(200);
}

/** Sends a request head with `Expect: 100-continue` and resolves once the server has started handling it. */
async function startRequest(fake: FakeEvoLinkServer, headers: string): Promise<RawConnection> {
  const connection = await openRaw(fake.url);
  connection.socket.write(`${authorized(fake, 'POST /v1/videos/generations')}\r\nHost: fake\r\nExpect: 100-continue\r\n${headers}\r\n\r\n`);
  await new Promise<void>((resolve) => {
    const check = (chunk: string): void => {
      if (!chunk.includes('100 Continue')) return;
      connection.socket.off('data', check);
      resolve();
    };
    connection.socket.on('data', check);
  });
  return connection;
}

beforeEach(() => {
  crashes.length = 0;
  logLines = [];
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await new Promise((resolve) => setImmediate(resolve));
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  expect(crashes).toEqual([]);
});

describe('fake server robustness', () => {
  it('survives a client that disconnects mid-body', async () => {
    const fake = await start();
    const connection = await startRequest(fake, 'Content-Type: application/json\r\nContent-Length: 1000');
    connection.socket.write('{"model":"wan2.7-');
    connection.socket.destroy();
    await vi.waitFor(() => expect(logLines.join('\n')).toMatch(/went away before the body ended/));
    await expectStillServing(fake);
  });

  it.each(['/v1/tasks/%E0%A4%A', '/v1/tasks/%ZZ', '/v1/tasks/task-unified-%'])(
    'answers 400 to malformed percent-encoding in %s',
    async (path) => {
      const fake = await start();
      const { text, closed } = await rawRequest(fake.url, authorized(fake, `GET ${path}`));
      expect(closed).toBe(true);
      expect(statusOf(text)).toBe(400);
      expect(text).toContain('percent-encoding');
      await expectStillServing(fake);
    },
  );

  it.each(['not json', '{"model":', 'null', '[1,2]', '"a string"'])('answers 400 to a body that is not a JSON object: %s', async (body) => {
    const fake = await start();
    const { text } = await rawRequest(
      fake.url,
      `${authorized(fake, 'POST /v1/videos/generations')}\r\nContent-Type: application/json`,
      body,
    );
    expect(statusOf(text)).toBe(400);
    expect(text).toContain('JSON object');
    await expectStillServing(fake);
  });

  it('answers 413 and closes when Content-Length is over 10 MiB, without waiting for the body', async () => {
    const fake = await start();
    const connection = await openRaw(fake.url);
    connection.socket.write(`${authorized(fake, 'POST /v1/videos/generations')}\r\nHost: fake\r\nContent-Length: ${10 * MIB + 1}\r\n\r\n`);
    const { text, closed } = await connection.received;
    expect(statusOf(text)).toBe(413);
    expect(closed).toBe(true);
    await expectStillServing(fake);
  });

  it('answers 413 and closes when a chunked body grows past 10 MiB', async () => {
    const fake = await start();
    const connection = await openRaw(fake.url);
    const { socket } = connection;
    socket.write(`${authorized(fake, 'POST /v1/videos/generations')}\r\nHost: fake\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = `${(256 * 1024).toString(16)}\r\n${'x'.repeat(256 * 1024)}\r\n`;
    for (let sent = 0; sent <= 11 * MIB && !socket.destroyed; sent += 256 * 1024) socket.write(chunk);
    if (!socket.destroyed) socket.write('0\r\n\r\n');
    const { text, closed } = await connection.received;
    expect(statusOf(text)).toBe(413);
    expect(closed).toBe(true);
    await expectStillServing(fake);
  });

  it('answers 408 and closes when the headers never finish', async () => {
    const fake = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const connection = await openRaw(fake.url);
    connection.socket.write('POST /v1/videos/generations HTTP/1.1\r\nHost: fake\r\n');
    const { text, closed } = await connection.received;
    expect(closed).toBe(true);
    expect(statusOf(text)).toBe(408);
    await expectStillServing(fake);
  });

  it('answers 408 and closes when the body never finishes', async () => {
    const fake = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const connection = await startRequest(fake, 'Content-Type: application/json\r\nContent-Length: 100');
    connection.socket.write('{"model":');
    const { text, closed } = await connection.received;
    expect(closed).toBe(true);
    expect(text).toContain('408');
    await expectStillServing(fake);
  });

  it('answers 500 when a custom fault throws, then keeps serving', async () => {
    const fake = await start();
    const broken: Fault = {
      kind: 'custom',
      respond: () => {
        throw new Error('fault exploded');
      },
    };
    fake.inject(broken);
    const { text } = await rawRequest(fake.url, authorized(fake, 'GET /v1/tasks/task-unified-1'));
    expect(statusOf(text)).toBe(500);
    expect(text).toContain('fault exploded');
    await expectStillServing(fake);
  });

  it('closes the connection when a custom fault throws after sending headers, then keeps serving', async () => {
    const fake = await start();
    fake.inject({
      kind: 'custom',
      respond: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":');
        throw new Error('fault exploded mid-answer');
      },
    });
    const { text, closed } = await rawRequest(fake.url, authorized(fake, 'GET /v1/tasks/task-unified-1'));
    expect(closed).toBe(true);
    expect(text).not.toMatch(/\r\n0\r\n\r\n$/); // whatever got out, the chunked body was never terminated
    await expectStillServing(fake);
  });

  it('answers 500 when the plan function throws, then keeps serving', async () => {
    let calls = 0;
    const fake = await start({
      plan: () => {
        if (calls++ === 0) throw new Error('plan exploded');
        return { outcome: { status: 'completed' } };
      },
    });
    const { text } = await rawRequest(
      fake.url,
      `${authorized(fake, 'POST /v1/videos/generations')}\r\nContent-Type: application/json`,
      CREATE,
    );
    expect(statusOf(text)).toBe(500);
    expect(text).toContain('plan exploded');
    expect(fake.tasks.size).toBe(0);
    await expectStillServing(fake);
  });

  it('closes cleanly while a request body is still arriving, and refuses connections afterwards', async () => {
    const fake = await start();
    const connection = await startRequest(fake, 'Content-Type: application/json\r\nContent-Length: 1000');
    connection.socket.write('{"model":');
    await fake.close();
    expect((await connection.received).closed).toBe(true);
    await expect(openRaw(fake.url)).rejects.toThrow(/ECONNREFUSED/);
    await expect(fake.close()).resolves.toBeUndefined();
  });
});
