// checkRemoteMedia: http(s) media URLs checked before the create, against a real loopback media host.
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateParams, ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { clipWithMoovAtEnd, fixture } from '../support/media.js';

/** A media host: serves files with byte ranges, a 404, a web page, redirects, and a path that never answers. */
class MediaHost {
  readonly requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  bytesSent = 0;
  readonly #files = new Map<string, string>();
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  url = '';

  constructor() {
    this.#server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      this.requests.push({ path, headers: req.headers });
      if (path === '/slow.mp4') return; // never answers
      if (path === '/page.mp4') return this.#send(res, 200, Buffer.from('<!doctype html><html><body>Sign in</body></html>'), 'text/html');
      if (path === '/moved.mp4') return this.#redirect(res, `${this.url}/clip-6s.mp4`);
      if (path === '/to-ftp.mp4') return this.#redirect(res, 'ftp://127.0.0.1/clip.mp4');
      const file = this.#files.get(path.slice(1));
      if (!file) return this.#send(res, 404, Buffer.from('not found'), 'text/plain');
      const size = statSync(file).size;
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (!range) return this.#send(res, 200, readFileSync(file), 'video/mp4');
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), size - 1);
      const part = Buffer.alloc(end + 1 - start);
      const fd = openSync(file, 'r');
      readSync(fd, part, 0, part.length, start);
      closeSync(fd);
      res.setHeader('content-range', `bytes ${start}-${end}/${size}`);
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
});
