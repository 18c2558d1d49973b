// Uploading a 100 MB local clip on loopback: the throughput of the SDK's upload of a generation call's local media
// (`client.prepareMedia`: check the clip, upload it, remember it; a fresh client each, since a client remembers what
// it uploaded) and of `client.files.upload` (one client), against a raw undici multipart stream of the same file
// (undici.request, the body an async generator over fs.createReadStream) measured in the same run. The files API
// answers from its own process (upload-server.mjs). Rounds alternate the rows; figures are medians, and the ratio is
// the median of the per-round ratios (each round's runs saw the same machine load).
// Run alone: `npm run build && node bench/upload.mjs [rounds]`.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { fileFrom, WanClient } from '../dist/index.js';
import { fixtureBoxes } from './media-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MDAT_BYTES = 100_000_000;

/** ftyp + a 100 MB mdat of random bytes + the moov of the 6 s fixture: a clip the SDK's checks accept. */
function writeClip(path) {
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
  // A file written a while ago, as a user's clip is (one written this second is hashed before it is trusted).
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
  return statSync(path).size;
}

/** The floor: one multipart/form-data POST through undici.request, the file streamed by fs.createReadStream. */
function rawUpload(url, path, size, dispatcher) {
  const boundary = '----bench-boundary-0123456789';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body() {
    yield head;
    yield* createReadStream(path);
    yield tail;
  }
  return async () => {
    const res = await request(`${url}/api/v1/files/upload/stream`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-bench',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
      body: body(),
      dispatcher,
    });
    await res.body.json();
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
  const warm = client();
  try {
    const size = writeClip(path);
    const rows = [
      { name: 'undici.request, multipart stream (raw)', run: rawUpload(url, path, size, dispatcher) },
      {
        name: 'evolink-wan, local media of a call (prepareMedia)',
        run: async () => {
          const c = client();
          await c.prepareMedia({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [fileFrom(path)] });
          await c.close();
        },
      },
      // files.upload always sends: one client, its connection kept warm as the raw row's is.
      { name: 'evolink-wan, client.files.upload', run: () => warm.files.upload(fileFrom(path)) },
    ].map((row) => ({ ...row, ms: [] }));
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
    await again.prepareMedia({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [fileFrom(path)] });
    const t = performance.now();
    await again.prepareMedia({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [fileFrom(path)] });
    const repeatMs = performance.now() - t;
    await again.close();

    const raw = rows[0];
    const figures = rows.map((row) => ({
      name: row.name,
      ms: median(row.ms),
      mbPerS: size / 1e6 / (median(row.ms) / 1000),
      ratio: median(row.ms.map((ms, i) => raw.ms[i] / ms)),
    }));
    if (process.env.BENCH_SAMPLES) for (const row of rows) console.log(row.name, row.ms.map((ms) => ms.toFixed(0)).join(' '));
    const call = figures[1];
    return {
      size,
      rounds,
      rows: figures,
      ratio: call.ratio,
      repeatMs,
      print() {
        console.log(
          `\nUploading a ${(size / 1e6).toFixed(0)} MB clip on loopback (median of ${rounds} alternating rounds; throughput vs raw)`,
        );
        for (const r of figures) {
          console.log(
            `  ${r.name.padEnd(50)} ${r.ms.toFixed(0).padStart(5)} ms  ${r.mbPerS.toFixed(0).padStart(5)} MB/s  ×${r.ratio.toFixed(2)}`,
          );
        }
        console.log(`  the same clip again, same client (remembered)      ${repeatMs.toFixed(1)} ms`);
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
