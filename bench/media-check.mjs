// Judging a 100 MB clip whose moov sits at the end (most phone and editor exports): the time `client.estimateCost`
// takes to validate the request and read the clip's length (nothing is sent), and the bytes read from the file, from
// a path and from a Blob backed by the file. The clip is ftyp + a 100 MB mdat (a sparse hole) + the moov of the 6 s
// fixture, written to a temp folder. Memory is measured in a fresh child process per source (--expose-gc): the RSS
// and heap before (after an unmeasured warm-up judgment and a gc), the peak RSS of the process (getrusage's maxrss)
// and the heap's growth over the judgments, and the heap still held after a gc; for scale, the same figures for a
// `readFile` of the clip, what a checker that read the whole file would cost.
// Run alone: `npm run build && node bench/media-check.mjs`.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openAsBlob, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileFrom, WanClient } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 20;

/** The `ftyp` and `moov` boxes of the 6 s fixture clip, to build big clips around (also used by bench/upload.mjs). */
export function fixtureBoxes() {
  const small = readFileSync(join(root, 'test/fixtures/media/av/clip-6s.mp4'));
  const boxes = new Map();
  for (let o = 0; o < small.length; o += small.readUInt32BE(o))
    boxes.set(small.toString('latin1', o + 4, o + 8), small.subarray(o, o + small.readUInt32BE(o)));
  return { ftyp: boxes.get('ftyp'), moov: boxes.get('moov') };
}

function bigClip(path) {
  const { ftyp, moov } = fixtureBoxes();
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(100_000_000);
  mdat.write('mdat', 4, 'latin1');
  const fd = openSync(path, 'w');
  writeSync(fd, ftyp, 0, ftyp.length, 0);
  writeSync(fd, mdat, 0, 8, ftyp.length);
  writeSync(fd, moov, 0, moov.length, ftyp.length + 100_000_000);
  closeSync(fd);
  return ftyp.length + 100_000_000 + moov.length;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median milliseconds and bytes read per estimate of a wan2.7 video edit of `media()`, over {@link RUNS} runs. */
async function judge(client, media, counter) {
  const times = [];
  let bytes = 0;
  let seconds;
  for (let i = 0; i < RUNS; i++) {
    counter.bytes = 0;
    const t = performance.now();
    const estimate = await client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [media()] });
    times.push(performance.now() - t);
    bytes = counter.bytes;
    seconds = estimate.inputSeconds;
  }
  return { ms: median(times), bytes, seconds };
}

const CHILD = 'MEDIA_MEMORY_CHILD';

/** Memory of {@link RUNS} judgments of the clip at `path` from `kind` (`path`, `blob` or `readFile`), in a fresh process. */
async function memoryOf(kind, path) {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHILD]: kind, CLIP: path },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`media memory child (${kind}) exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop());
}

async function memoryInChild(kind, path) {
  const client = new WanClient({ apiKey: 'bench-sends-nothing' });
  const blob = kind === 'blob' ? await openAsBlob(path) : undefined;
  const once =
    kind === 'readFile'
      ? async () => (await readFile(path)).length
      : () => client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [blob ?? fileFrom(path)] });
  // Heap and the buffers outside it (a Blob's or readFile's bytes are not on the JS heap).
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  globalThis.gc();
  const rssStart = process.memoryUsage().rss;
  await once(); // warm-up: lazy imports, compiled code (counted in the peak RSS, not in the heap figures)
  globalThis.gc();
  const before = held();
  let peak = before;
  for (let i = 0; i < RUNS; i++) {
    await once();
    peak = Math.max(peak, held());
  }
  globalThis.gc();
  const after = held();
  await client.close();
  return { kind, rssStart, peakRss: process.resourceUsage().maxRSS * 1024, heapGrowth: peak - before, heapRetained: after - before };
}

export async function mediaCheck() {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-bench-media-'));
  const path = join(dir, 'phone-export.mp4');
  try {
    const size = bigClip(path);
    const client = new WanClient({ apiKey: 'bench-sends-nothing' });
    // Bytes read from disk: every read of a node:fs/promises FileHandle, and every Blob.slice of the Blob.
    const handle = await open(path);
    const proto = Object.getPrototypeOf(handle);
    await handle.close();
    const read = proto.read;
    const counter = { bytes: 0 };
    proto.read = async function (...args) {
      const result = await read.apply(this, args);
      counter.bytes += result.bytesRead;
      return result;
    };
    let fromPath;
    try {
      fromPath = await judge(client, () => fileFrom(path), counter);
    } finally {
      proto.read = read;
    }
    const blob = await openAsBlob(path);
    const slice = blob.slice.bind(blob);
    Object.defineProperty(blob, 'slice', {
      value: (start, end) => {
        const part = slice(start, end);
        counter.bytes += part.size;
        return part;
      },
    });
    const fromBlob = await judge(client, () => blob, counter);
    await client.close();
    const memory = {};
    for (const kind of ['path', 'blob', 'readFile']) memory[kind] = await memoryOf(kind, path);
    return {
      size,
      fromPath,
      fromBlob,
      memory,
      print() {
        console.log(
          `\nJudging a ${(size / 1e6).toFixed(0)} MB clip with its moov at the end (estimateCost: validate + read its length; median of ${RUNS})`,
        );
        for (const [name, r] of [
          ['path (fileFrom)', fromPath],
          ['Blob (fs.openAsBlob)', fromBlob],
        ]) {
          console.log(`  ${name.padEnd(22)} ${r.ms.toFixed(2)} ms, ${(r.bytes / 1024).toFixed(1)} KiB read, ${r.seconds} s measured`);
        }
        const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
        console.log(`Memory in a fresh process: peak RSS over a warm-up and ${RUNS} judgments; heap + external buffers over the ${RUNS}`);
        for (const [name, m] of [
          ['path (fileFrom)', memory.path],
          ['Blob (fs.openAsBlob)', memory.blob],
          ['readFile (whole file)', memory.readFile],
        ]) {
          console.log(
            `  ${name.padEnd(22)} RSS ${mb(m.rssStart)} at start, peak ${mb(m.peakRss)} (+${mb(m.peakRss - m.rssStart)}); heap +${mb(m.heapGrowth)} at most, ${mb(m.heapRetained)} held after gc`,
          );
        }
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env[CHILD]) console.log(JSON.stringify(await memoryInChild(process.env[CHILD], process.env.CLIP)));
else if (process.argv[1] === fileURLToPath(import.meta.url)) (await mediaCheck()).print();
