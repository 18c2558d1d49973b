// Uploading a 100 MB local clip on loopback: the throughput of the SDK's upload of a generation call's local media
// (`client.prepareMedia`: check the clip, upload it, remember it; a fresh client each, since a client remembers what
// it uploaded) and of `client.files.upload` (one client), each against a raw undici multipart stream of the same file
// (undici.request, the body an async generator over fs.createReadStream) that does the same work, measured in the same
// run: the call's row opens a new connection per upload (its client is new), so its raw row does too (a new Agent per
// upload, closed after it); files.upload keeps one warm connection, as its raw row does. A third raw row reads the file
// in the SDK's chunks (256 KiB; createReadStream reads 64 KiB) to show what the chunk size alone is worth. The clip is
// settled (last changed over 3 s before the first run) as a user's clip is, so no row hashes it. The files API answers
// from its own process (upload-server.mjs). Rounds alternate the rows; figures are medians, and a ratio is the median
// of the per-round ratios (each round's runs saw the same machine load).
// Run alone: `npm run build && node bench/upload.mjs [rounds]`.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { fileFrom, WanClient } from '../dist/index.js';
import { fixtureBoxes } from './media-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MDAT_BYTES = 100_000_000;
const SETTLED_MS = 3000; // src/media/media-source.ts
const SDK_CHUNK_BYTES = 256 * 1024; // CHUNK_BYTES, src/media/media-source.ts

/** ftyp + a 100 MB mdat of random bytes + the moov of the 6 s fixture: a clip the SDK's checks accept. */
async function writeClip(path) {
  const { ftyp, moov } = fixtureBoxes();
  const fd = openSync(path, 'w');
  writeSync(fd, ftyp);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(MDAT_BYTES);
  header.write('mdat', 4, 'latin1');
  writeSync(fd, header);
  const block = randomFillSync(Buffer.alloc(1_000_000));
  for (let written = 8; written < MDAT_BYTES; written += block.length)
    writeSync(fd, block, 0, Math.min(block.length, MDAT_BYTES - written));
  writeSync(fd, moov);
  closeSync(fd);
  // A file last changed a while ago, as a user's clip is: the SDK trusts a file's version (and so does not hash it as
  // it streams) only once its last change is SETTLED_MS (3 s) old. Its change time cannot be set back (utimes sets it
  // to now), so the bench waits.
  const { size, ctimeMs } = statSync(path);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, ctimeMs + SETTLED_MS + 200 - Date.now())));
  return size;
}

/**
 * The floor: one multipart/form-data POST through undici.request, the file streamed by fs.createReadStream (its
 * default 64 KiB reads, or `readBytes`), on `dispatcher`'s warm connection or, without one, on a new Agent's
 * connection, closed after the upload (as a new client's is).
 */
function rawUpload(url, path, size, { dispatcher, readBytes } = {}) {
  const boundary = '----bench-boundary-0123456789';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body() {
    yield head;
    yield* createReadStream(path, readBytes === undefined ? {} : { highWaterMark: readBytes });
    yield tail;
  }
  return async () => {
    const agent = dispatcher ?? new Agent({ keepAliveTimeout: 60_000 });
    const res = await request(`${url}/api/v1/files/upload/stream`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-bench',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
      body: body(),
      dispatcher: agent,
    });
    await res.body.json();
    if (agent !== dispatcher) await agent.close();
  };
}

/** Runs the comparison over `rounds` alternating rounds. */
export async function uploadThroughput({ rounds = 7 } = {}) {
  const server = spawn(process.execPath, [join(root, 'bench', 'upload-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await once(server.stdout, 'data');
  const url = String(line).trim();
  const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-bench-upload-'));
  const path = join(dir, 'clip.mp4');
  const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
  const client = () => new WanClient({ apiKey: 'sk-bench', baseURL: url, filesBaseURL: url });
  const params = () => ({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [fileFrom(path)] });
  const warm = client();
  try {
    const size = await writeClip(path);
    const rows = [
      { key: 'raw', name: 'undici.request, multipart stream (raw), one connection', run: rawUpload(url, path, size, { dispatcher }) },
      { key: 'rawNew', name: 'raw, a new connection per upload', run: rawUpload(url, path, size) },
      {
        key: 'raw256',
        name: 'raw, one connection, 256 KiB reads (as the SDK)',
        run: rawUpload(url, path, size, { dispatcher, readBytes: SDK_CHUNK_BYTES }),
      },
      {
        key: 'call',
        name: "evolink-wan, a call's local media (prepareMedia)",
        against: 'rawNew',
        run: async () => {
          const c = client(); // a new client, so a new connection: against the raw row that opens one too
          await c.prepareMedia(params());
          await c.close();
        },
      },
      // files.upload always sends: one client, its connection kept warm as the raw row's is.
      { key: 'files', name: 'evolink-wan, client.files.upload', against: 'raw', run: () => warm.files.upload(fileFrom(path)) },
    ].map((row) => ({ against: 'raw', ...row, ms: [] }));
    for (const row of rows) await row.run(); // warm-up: page cache, JIT, sockets
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[(round + k) % rows.length];
        const t = performance.now();
        await row.run();
        row.ms.push(performance.now() - t);
      }
    }
    // The same clip again on one client: remembered, so nothing is read or sent.
    const again = client();
    await again.prepareMedia(params());
    const t = performance.now();
    await again.prepareMedia(params());
    const repeatMs = performance.now() - t;
    await again.close();

    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    const ratio = (row, base) => median(row.ms.map((ms, i) => base.ms[i] / ms));
    const figures = rows.map((row) => ({
      key: row.key,
      name: row.name,
      against: row.against,
      ms: median(row.ms),
      mbPerS: size / 1e6 / (median(row.ms) / 1000),
      /** Throughput against the raw row doing the same work (`against`). */
      ratio: ratio(row, byKey[row.against]),
      /** Throughput against the raw row with one warm connection. */
      ratioRaw: ratio(row, byKey.raw),
    }));
    if (process.env.BENCH_SAMPLES) for (const row of rows) console.log(row.name, row.ms.map((ms) => ms.toFixed(0)).join(' '));
    const of = Object.fromEntries(figures.map((f) => [f.key, f]));
    return {
      size,
      rounds,
      rows: figures,
      raw: of.raw,
      call: of.call,
      files: of.files,
      ratio: of.call.ratio,
      repeatMs,
      print() {
        console.log(
          `\nUploading a ${(size / 1e6).toFixed(0)} MB clip on loopback (median of ${rounds} alternating rounds; throughput vs the raw row doing the same work, and vs raw on one connection)`,
        );
        for (const r of figures) {
          const vs = r.against === 'raw' ? '' : ` (vs a new raw connection; ×${r.ratioRaw.toFixed(2)} vs one)`;
          console.log(
            `  ${r.name.padEnd(54)} ${r.ms.toFixed(0).padStart(5)} ms  ${r.mbPerS.toFixed(0).padStart(5)} MB/s  ×${r.ratio.toFixed(2)}${vs}`,
          );
        }
        console.log(`  the same clip again, same client (remembered)          ${repeatMs.toFixed(1)} ms`);
      },
    };
  } finally {
    await dispatcher.close();
    await warm.close();
    server.stdin.end();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) (await uploadThroughput({ rounds: Number(process.argv[2] ?? 7) })).print();
