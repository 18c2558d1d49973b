// checkRemoteMedia: http(s) media URLs checked before the create, against a real loopback media host.
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateParams, ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { clipWithMoovAtEnd, fixture } from '../support/media.js';

/**
 * A media host: serves files with byte ranges, a 404, a web page, redirects, and a path that never answers. Under
 * `/unsized/` a file's ranges say no length (`bytes a-b/*`) and only a HEAD does; under `/unsized-no-head/` the HEAD is
 * refused (405) too, under `/unsized-slow-head/` never answered; under `/chunked/` ranges are ignored and the file is sent chunked, its length only in a HEAD.
 */
class MediaHost {
  readonly requests: { method: string; path: string; headers: IncomingHttpHeaders }[] = [];
  bytesSent = 0;
  readonly #files = new Map<string, string>();
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  url = '';

  constructor() {
    this.#server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      this.requests.push({ method: req.method ?? '', path, headers: req.headers });
      if (path === '/slow.mp4') return; // never answers
      if (path === '/page.mp4') return this.#send(res, 200, Buffer.from('<!doctype html><html><body>Sign in</body></html>'), 'text/html');
      if (path === '/moved.mp4') return this.#redirect(res, `${this.url}/clip-6s.mp4`);
      if (path === '/to-ftp.mp4') return this.#redirect(res, 'ftp://127.0.0.1/clip.mp4');
      const [, mode = '', name = ''] = /^\/(?:(unsized|unsized-no-head|unsized-slow-head|chunked)\/)?(.*)$/.exec(path) ?? [];
      const file = this.#files.get(name);
      if (!file) return this.#send(res, 404, Buffer.from('not found'), 'text/plain');
      const size = statSync(file).size;
      if (mode && req.method === 'HEAD') {
        if (mode === 'unsized-no-head') return res.writeHead(405, { allow: 'GET' }).end();
        if (mode === 'unsized-slow-head') return; // never answers
        return res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size }).end();
      }
      if (mode === 'chunked') {
        res.writeHead(200, { 'content-type': 'video/mp4' }); // no length: sent chunked
        const stream = createReadStream(file).on('data', (chunk) => {
          this.bytesSent += chunk.length;
        });
        res.on('close', () => stream.destroy());
        return stream.pipe(res);
      }
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (!range) return this.#send(res, 200, readFileSync(file), 'video/mp4');
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), size - 1);
      const part = Buffer.alloc(end + 1 - start);
      const fd = openSync(file, 'r');
      readSync(fd, part, 0, part.length, start);
      closeSync(fd);
      res.setHeader('content-range', `bytes ${start}-${end}/${mode ? '*' : size}`);
      return this.#send(res, 206, part, 'video/mp4');
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  serve(name: string, path: string): string {
    this.#files.set(name, path);
    return `${this.url}/${name}`;
  }

  #send(res: ServerResponse, status: number, body: Buffer, type: string): void {
    this.bytesSent += body.length;
    res.writeHead(status, { 'content-type': type, 'content-length': body.length, 'accept-ranges': 'bytes' }).end(body);
  }

  #redirect(res: ServerResponse, location: string): void {
    res.writeHead(302, { location }).end();
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

const host = new MediaHost();
const dir = mkdtempSync(join(tmpdir(), 'evolink-media-host-'));
beforeAll(async () => {
  await host.start();
  for (const name of ['clip-6s.mp4', 'clip-11s.mp4', 'clip-faststart.mp4', 'sound-31s.mp3']) host.serve(name, fixture(`av/${name}`));
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const fresh = () => host.requests.splice(0);
const messages = (error: unknown) => {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => i.message);
};

describe('checkRemoteMedia', () => {
  it('is off by default: URLs go to the server unread', async () => {
    fresh();
    const { server, client } = await setup();
    await client.editVideo({ prompt: 'Snow', video_urls: [`${host.url}/clip-11s.mp4`] });
    expect(server.postCount).toBe(1);
    expect(fresh()).toEqual([]);
  });

  it('checks a URL as a local file (client option), with ranged reads and no API key or SDK header', async () => {
    fresh();
    const { server, client } = await setup({}, { checkRemoteMedia: true });
    const error = await client.editVideo({ prompt: 'Snow', video_urls: [`${host.url}/clip-11s.mp4`] }).catch((e: unknown) => e);
    expect(messages(error)).toEqual([
      `video_urls[0] (${host.url}/clip-11s.mp4) is 11.0 s long; wan2.7-video-edit takes clips of 2–10 s here: trim it to 10 s`,
    ]);
    expect(server.postCount).toBe(0);
    expect(server.fileRequests).toHaveLength(0);
    const requests = fresh();
    expect(requests.length).toBeGreaterThan(0);
    for (const { headers } of requests) {
      expect(headers.range).toMatch(/^bytes=\d+-\d+$/);
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(server.apiKey);
      expect(Object.keys(headers).filter((h) => /evolink|idempotency|x-stainless/i.test(h))).toEqual([]);
      expect(headers['user-agent'] ?? '').not.toMatch(/evolink/i);
    }
  });

  it('is a per-call option too, either way', async () => {
    fresh();
    const { server, client } = await setup();
    const params = { prompt: 'A cat sings', audio_urls: [`${host.url}/sound-31s.mp3`] };
    const error = await client.textToVideo(params, { checkRemoteMedia: true }).catch((e: unknown) => e);
    expect(messages(error)).toEqual([
      `audio_urls[0] (${host.url}/sound-31s.mp3) is 31.1 s long; wan2.7-text-to-video takes sounds of 2–30 s here: trim it to 30 s`,
    ]);
    const { client: checking } = await setup({}, { checkRemoteMedia: true });
    await checking.textToVideo(params, { checkRemoteMedia: false });
    // A URL object is checked like the string it becomes.
    const asObject = await checking.textToVideo({ ...params, audio_urls: [new URL(params.audio_urls[0]!)] }).catch((e: unknown) => e);
    expect(messages(asObject)).toEqual([expect.stringContaining('is 31.1 s long')]);
    expect(server.postCount).toBe(0);
  });

  it('a 404, a web page and a redirect to ftp are ValidationErrors naming the field, all at once', async () => {
    fresh();
    const { server, client } = await setup({}, { checkRemoteMedia: true });
    const error = await client
      .referenceToVideo({
        prompt: 'Video 1, Video 2 and Video 3',
        video_urls: [`${host.url}/missing.mp4`, `${host.url}/page.mp4`, `${host.url}/to-ftp.mp4`],
      })
      .catch((e: unknown) => e);
    const [missing, page, ftp] = messages(error);
    expect(missing).toBe(
      `video_urls[0]: ${host.url}/missing.mp4: the host answered 404 Not Found; the server must be able to download it, so check the URL`,
    );
    expect(page).toBe(
      `video_urls[1]: ${host.url}/page.mp4: the host answered a web page (text/html), not the file: pass the file's direct link; the server must be able to download it, so check the URL`,
    );
    expect(ftp).toMatch(new RegExp(`^video_urls\\[2\\]: ${host.url}/to-ftp.mp4: it could not be fetched \\(.+\\); the server must`));
    expect(server.postCount).toBe(0);
  });

  it("a host that does not answer within the call's timeout is a ValidationError; its signed query is not shown", async () => {
    const { server, client } = await setup({}, { checkRemoteMedia: true });
    const error = await client
      .editVideo({ prompt: 'Snow', video_urls: [`${host.url}/slow.mp4?sig=secret`] }, { timeout: 300 })
      .catch((e: unknown) => e);
    expect(messages(error)).toEqual([
      `video_urls[0]: ${host.url}/slow.mp4: the host did not answer within 300 ms; the server must be able to download it, so check the URL`,
    ]);
    expect(server.postCount).toBe(0);
  });

  it('follows an http redirect, and reads a 100 MB clip with its moov at the end in a few ranged reads', async () => {
    const { path } = clipWithMoovAtEnd(join(dir, 'big.mp4'));
    const url = host.serve('big.mp4', path);

    fresh();
    const { client } = await setup({}, { checkRemoteMedia: true });
    host.bytesSent = 0;
    const estimate = await client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [url] } as GenerateParams);
    expect(estimate).toMatchObject({ inputSeconds: 6, exact: true, unknownInputs: [] });
    expect(fresh().length).toBeLessThanOrEqual(4);
    expect(host.bytesSent).toBeLessThan(80 * 1024);

    const moved = await client.estimateCost({
      model: 'wan2.7-video-edit',
      prompt: 'Snow',
      video_urls: [`${host.url}/moved.mp4`],
    } as GenerateParams);
    expect(moved).toMatchObject({ inputSeconds: 6, exact: true });
  });

  it('asks a HEAD for the length only when the ranged GET does not give it, and never refuses on the HEAD', async () => {
    const { path } = clipWithMoovAtEnd(join(dir, 'unsized.mp4'));
    host.serve('unsized.mp4', path);
    const { server, client } = await setup({}, { checkRemoteMedia: true });
    const estimate = (name: string) =>
      client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [`${host.url}/${name}`] } as GenerateParams);

    // `bytes 0-65535/*`: the HEAD's Content-Length is the size, so the moov at the end is found.
    fresh();
    host.bytesSent = 0;
    expect(await estimate('unsized/unsized.mp4')).toMatchObject({ inputSeconds: 6, exact: true, unknownInputs: [] });
    const requests = fresh();
    expect(requests.map((r) => r.method)).toEqual(['GET', 'HEAD', 'GET', 'GET']);
    for (const { headers } of requests) {
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(server.apiKey);
      expect(Object.keys(headers).filter((h) => /evolink|idempotency|x-stainless/i.test(h))).toEqual([]);
    }
    expect(host.bytesSent).toBeLessThan(80 * 1024);

    // A refused HEAD leaves the length unknown: the clip is judged by what the GET read and passed on, not refused.
    fresh();
    const unread = await estimate('unsized-no-head/unsized.mp4');
    expect(unread).toMatchObject({ exact: false, unknownInputs: [expect.stringContaining('video_urls[0]')] });
    expect(fresh().map((r) => r.method)).toEqual(['GET', 'HEAD']);
    // So does a HEAD left unanswered past the call's timeout.
    const slow = await client.estimateCost(
      { model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [`${host.url}/unsized-slow-head/unsized.mp4`] } as GenerateParams,
      { timeout: 300 },
    );
    expect(slow).toMatchObject({ exact: false, unknownInputs: [expect.stringContaining('video_urls[0]')] });

    // A host that ignores ranges and sends the file chunked: the HEAD's length is checked against the size limit.
    const { path: large } = clipWithMoovAtEnd(join(dir, 'large.mp4'), 110_000_000);
    host.serve('large.mp4', large);
    fresh();
    host.bytesSent = 0;
    const error = await client.editVideo({ prompt: 'Snow', video_urls: [`${host.url}/chunked/large.mp4`] }).catch((e: unknown) => e);
    expect(messages(error)).toEqual([
      `video_urls[0] (${host.url}/chunked/large.mp4) is 105 MB; wan2.7-video-edit takes at most 100 MB here: compress or shrink it`,
    ]);
    expect(fresh().map((r) => r.method)).toEqual(['GET', 'HEAD']);
    expect(server.postCount).toBe(0);
  });

  it('sends no HEAD when the ranged GET gives the length', async () => {
    fresh();
    const { client } = await setup({}, { checkRemoteMedia: true });
    await client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [`${host.url}/clip-6s.mp4`] } as GenerateParams);
    expect(fresh().map((r) => r.method)).toEqual(['GET']);
  });
});
