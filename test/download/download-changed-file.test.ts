// A resumed download that meets a changed file: a 200 to a ranged request (`Range` + `If-Range`) is the whole file,
// maybe a new version, so a file destination starts again from byte 0 (truncated, the whole body written); a 206 or a
// stream that cannot be rewound, where the length or the validator differs, is a DownloadError, never "verified".
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadError, WanClient } from '../../src/index.js';
import { type Loopback, startLoopback } from '../support/loopback.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Validators = Record<string, string>;

const v1 = new Uint8Array(randomBytes(300_000));
const v2 = new Uint8Array(randomBytes(250_000)); // another length
const v3 = new Uint8Array(randomBytes(300_000)); // the same length, other bytes

/** 200 with the whole body announced, but the connection is cut after `sent` bytes. */
const cutAfter =
  (body: Uint8Array, sent: number, validators: Validators): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'video/mp4', ...validators });
    res.write(body.subarray(0, sent), () => res.socket?.destroy());
  };
/** 200 with the whole body, whatever the request's Range (a changed file, or a host that ignores Range). */
const whole =
  (body: Uint8Array, validators: Validators): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'video/mp4', ...validators });
    res.end(body);
  };
/** 206 with the range asked for, of `body`. */
const ranged =
  (body: Uint8Array, validators: Validators): Handler =>
  (req, res) => {
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    res.writeHead(206, {
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      'content-length': String(body.length - start),
      ...validators,
    });
    res.end(body.subarray(start));
  };

let host: Loopback | undefined;
afterEach(() => host?.close());

async function serve(handlers: Handler[]): Promise<{ url: string; host: Loopback }> {
  let next = 0;
  host = await startLoopback((req, res) => handlers[Math.min(next++, handlers.length - 1)]!(req, res));
  return { url: `${host.url}/videos/result.mp4?sig=x`, host };
}

const client = () => new WanClient({ apiKey: 'sk-test-download', retryBackoff: { initialDelay: 1, maxDelay: 2 } });
const newDest = (): string => join(mkdtempSync(join(tmpdir(), 'evolink-changed-')), 'out.mp4');
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

const STRONG_A = { etag: '"v1"' };
const STRONG_B = { etag: '"v2"' };
const LM_A = { etag: 'W/"weak-1"', 'last-modified': 'Mon, 07 Dec 2026 10:00:00 GMT' };
const LM_B = { etag: 'W/"weak-2"', 'last-modified': 'Mon, 07 Dec 2026 11:00:00 GMT' };

const RESTARTS: [string, Handler[], Uint8Array, string | undefined][] = [
  ['a new version of another length (new ETag)', [cutAfter(v1, 100_000, STRONG_A), whole(v2, STRONG_B)], v2, '"v1"'],
  ['a new version of the same length (new ETag)', [cutAfter(v1, 100_000, STRONG_A), whole(v3, STRONG_B)], v3, '"v1"'],
  ['a new version, weak ETags: If-Range is Last-Modified', [cutAfter(v1, 64_000, LM_A), whole(v3, LM_B)], v3, LM_A['last-modified']],
  ['a new version from a host without validators', [cutAfter(v1, 150_000, {}), whole(v3, {})], v3, undefined],
  ['the same version again (a host that ignores Range)', [cutAfter(v1, 100_000, STRONG_A), whole(v1, STRONG_A)], v1, '"v1"'],
  ['two cuts, then a new version', [cutAfter(v1, 50_000, STRONG_A), cutAfter(v1, 120_000, STRONG_A), whole(v2, STRONG_B)], v2, '"v1"'],
];

describe('a resumed download that meets a changed file', () => {
  it.each(RESTARTS)('%s: a 200 to the resume is written again from byte 0', async (_name, handlers, expected, ifRange) => {
    const { url, host } = await serve(handlers);
    const dest = newDest();
    const progress: number[] = [];
    const saved = await client().download(url, dest, { onProgress: (p) => progress.push(p.received) });
    expect(saved.bytes).toBe(expected.length);
    expect(same(new Uint8Array(readFileSync(dest)), expected)).toBe(true);
    expect(host.requests[1]?.headers.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(host.requests[1]?.headers['if-range']).toBe(ifRange);
    expect(progress.at(-1)).toBe(expected.length);
    expect(readdirSync(join(dest, '..'))).toEqual(['out.mp4']);
  });

  const REFUSED: [string, Handler[], RegExp][] = [
    [
      'a 206 with another ETag',
      [cutAfter(v1, 100_000, STRONG_A), ranged(v3, STRONG_B)],
      /file changed on the result host \(ETag "v1", then ETag "v2"\)/,
    ],
    [
      'a 206 with other weak validators',
      [cutAfter(v1, 100_000, LM_A), ranged(v3, LM_B)],
      /file changed on the result host \(ETag W\/"weak-1", then ETag W\/"weak-2"\)/,
    ],
    [
      'a 206 of another length',
      [cutAfter(v1, 100_000, STRONG_A), ranged(v2, STRONG_A)],
      /file changed on the result host \(300000 bytes, then 250000\)/,
    ],
  ];
  it.each(REFUSED)('%s is a DownloadError, and no file is left', async (_name, handlers, said) => {
    const { url } = await serve(handlers);
    const dest = newDest();
    const error = await client()
      .download(url, dest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).message).toMatch(said);
    expect(readdirSync(join(dest, '..'))).toEqual([]);
  });

  it.each([
    ['a new version (new ETag)', STRONG_B, v3],
    ['a new version from a host without validators', {}, v3],
    ['the same bytes, but no validator to prove it', {}, v1],
  ] as const)('a stream destination cannot be rewound: %s whole to a resume is a DownloadError', async (_name, validators, body) => {
    const first = Object.keys(validators).length === 0 ? {} : STRONG_A;
    const { url } = await serve([cutAfter(v1, 100_000, first), whole(body, validators)]);
    const chunks: Uint8Array[] = [];
    const error = await client()
      .download(url, new WritableStream({ write: (chunk) => void chunks.push(chunk) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).message).toMatch(/a stream cannot be rewound; download to a file path/);
  });

  it('a stream destination skips what it has when the same version (same strong ETag) comes whole', async () => {
    const { url } = await serve([cutAfter(v1, 100_000, STRONG_A), whole(v1, STRONG_A)]);
    const chunks: Uint8Array[] = [];
    const saved = await client().download(url, new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
    expect(saved.bytes).toBe(v1.length);
    expect(same(Buffer.concat(chunks), v1)).toBe(true);
  });
});
