// Answers as gateways and proxies really send them: compressed (gzip, br, deflate, raw deflate, several codings),
// prefixed with a UTF-8 byte order mark, or a compression bomb. undici's request() and dispatch() do not decode
// (fetch does), so the SDK decodes them, with the byte cap applied to what decoding produces. Each route a request
// can take is tried: the SDK's own pool, your dispatcher, your fetch, and the stream transport of uploads.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, fileFrom, InvalidResponseError, WanClient } from '../../src/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { CAT_JPG } from '../support/media.js';

const TASK = {
  id: 'task-unified-1757169743-7cvnl5zw',
  object: 'video.generation.task',
  created: 1757169743,
  model: 'wan2.7-text-to-video',
  status: 'processing',
  progress: 42,
  task_info: { can_cancel: true },
  type: 'video',
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Each way a body may arrive, with the `Content-Encoding` it is sent with. */
const ENCODINGS: { name: string; encoding?: string; encode: (bytes: Buffer) => Buffer }[] = [
  { name: 'gzip', encoding: 'gzip', encode: (b) => gzipSync(b) },
  { name: 'x-gzip', encoding: 'x-gzip', encode: (b) => gzipSync(b) },
  { name: 'br', encoding: 'br', encode: (b) => brotliCompressSync(b) },
  { name: 'deflate (zlib)', encoding: 'deflate', encode: (b) => deflateSync(b) },
  { name: 'deflate (raw)', encoding: 'deflate', encode: (b) => deflateRawSync(b) },
  { name: 'gzip, then br', encoding: 'gzip, br', encode: (b) => brotliCompressSync(gzipSync(b)) },
  { name: 'identity', encoding: 'identity', encode: (b) => b },
  { name: 'a UTF-8 BOM', encode: (b) => Buffer.concat([BOM, b]) },
  { name: 'a UTF-8 BOM, gzipped', encoding: 'GZIP', encode: (b) => gzipSync(Buffer.concat([BOM, b])) },
];

/** Answers `status` with `bytes`, sent under `encoding`. */
const answer =
  (status: number, bytes: Buffer, encoding: string | undefined) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(bytes.length) };
    if (encoding !== undefined) headers['content-encoding'] = encoding;
    res.writeHead(status, headers);
    res.end(bytes);
  };

let server: FakeEvoLinkServer;
const agent = new Agent();
beforeAll(async () => {
  server = await FakeEvoLinkServer.start();
});
afterAll(async () => {
  await server.close();
  await agent.close();
});

const ROUTES = {
  "the SDK's pool": () => ({}),
  'your dispatcher': () => ({ dispatcher: agent }),
  'your fetch': () => ({ fetch: (input: string, init?: RequestInit) => fetch(input, init) }),
};
type Route = keyof typeof ROUTES;
const clientOn = (route: Route, extra: { maxResponseBytes?: number } = {}) =>
  new WanClient({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl, maxRetries: 0, ...ROUTES[route](), ...extra });

describe.each(Object.keys(ROUTES) as Route[])('through %s', (route) => {
  it.each(ENCODINGS)('a task read answered with $name is parsed', async ({ encoding, encode }) => {
    server.inject({ kind: 'custom', method: 'GET', respond: answer(200, encode(json(TASK)), encoding) });
    const client = clientOn(route);
    await expect(client.tasks.get(TASK.id)).resolves.toMatchObject({ id: TASK.id, status: 'processing', progress: 42 });
    await client.close();
  });

  it('an error answer, gzipped, is the typed error with the code and message of its body', async () => {
    const body = json({ error: { code: 'invalid_parameter', message: 'duration must be 2-15', type: 'invalid_request_error' } });
    server.inject({ kind: 'custom', method: 'GET', respond: answer(400, gzipSync(body), 'gzip') });
    const client = clientOn(route);
    const error = await client.tasks.get(TASK.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_parameter' });
    expect((error as Error).message).toContain('duration must be 2-15');
    await client.close();
  });
});

describe("undici's routes (which do not decode by themselves)", () => {
  // 256 gzip members of 1 MiB of zeros each: about 260 KB on the wire, 256 MiB once decoded.
  const member = gzipSync(Buffer.alloc(1 << 20));
  const bomb = Buffer.concat(Array.from({ length: 256 }, () => member));

  it.each(["the SDK's pool", 'your dispatcher'] as Route[])(
    'through %s, a gzip bomb is too_large, the cap applied to the decoded bytes, memory bounded',
    async (route) => {
      expect(bomb.length).toBeLessThan(300_000);
      server.inject({ kind: 'custom', method: 'GET', respond: answer(200, bomb, 'gzip') });
      const client = clientOn(route, { maxResponseBytes: 1 << 20 });
      const before = process.memoryUsage().arrayBuffers;
      const error = await client.tasks.get(TASK.id).catch((e: unknown) => e);
      const grown = process.memoryUsage().arrayBuffers - before;
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ reason: 'too_large', status: 200 });
      expect(grown).toBeLessThan(64 << 20);
      await client.close();
    },
  );

  it.each([
    ['an unknown coding', 'zstd', Buffer.from('not zstd either')],
    ['a corrupt gzip body', 'gzip', Buffer.from('definitely not gzip')],
  ])('%s is an InvalidResponseError naming the coding (undecodable)', async (_name, encoding, bytes) => {
    server.inject({ kind: 'custom', method: 'GET', respond: answer(200, bytes, encoding) });
    const client = clientOn("the SDK's pool");
    const error = await client.tasks.get(TASK.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ reason: 'undecodable' });
    expect((error as Error).message).toContain(`content-encoding ${encoding}`);
    await client.close();
  });
});

describe('uploads (the stream transport)', () => {
  it.each(ENCODINGS.filter((e) => ['gzip', 'br', 'a UTF-8 BOM'].includes(e.name)))(
    "the files API's answer sent with $name is parsed",
    async ({ encoding, encode }) => {
      const uploaded = {
        success: true,
        code: 200,
        msg: 'File uploaded successfully',
        data: {
          file_id: 'file_abc123',
          file_name: 'photo.webp',
          original_name: 'photo.webp',
          file_size: 10,
          mime_type: 'image/webp',
          upload_path: 'uploads',
          file_url: `${server.filesUrl}/uploads/photo.webp`,
          download_url: `${server.filesUrl}/api/v1/files/download/file_abc123`,
          upload_time: new Date().toISOString(),
          expires_at: new Date(Date.now() + 72 * 3600_000).toISOString(),
        },
      };
      server.inject({ kind: 'custom', method: 'POST', on: 'files', respond: answer(200, encode(json(uploaded)), encoding) });
      const client = clientOn("the SDK's pool");
      await expect(client.files.upload(fileFrom(CAT_JPG))).resolves.toMatchObject({ id: 'file_abc123' });
      await client.close();
    },
  );
});
