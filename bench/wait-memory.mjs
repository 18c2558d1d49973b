// Heap per waiting task: a fresh process (--expose-gc) starts N concurrent create-and-wait calls of the built SDK
// (dist/) against a `fetch` stub whose tasks run for minutes, and compares the heap once every wait is sleeping
// between polls with the heap before (after an unmeasured warm-up round, so schemas and compiled code are not counted).
// What remains is what the SDK keeps per waiting task: the handle, the wait's state, its timers and signals.
//
// `node bench/wait-memory.mjs [waits]` prints the figure alone (build first: `npm run build`).
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHILD = 'WAIT_MEMORY_CHILD';

/**
 * Measures in a child process; resolves to `{ waits, heapBytesPerWait, heapBytesPerWaitMin }` (median and least of
 * `rounds`). `source: 'src'` measures the TypeScript sources through tsx instead of the build (for the test suite).
 */
export async function waitMemory({ waits = 1000, rounds = 3, source = 'dist' } = {}) {
  const loader = source === 'src' ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, '--expose-gc', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHILD]: source, WAITS: String(waits), ROUNDS: String(rounds) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`wait-memory child exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop());
}

async function measureInChild() {
  const { WanClient } = await import(process.env[CHILD] === 'src' ? '../src/index.ts' : '../dist/index.js');
  const waits = Number(process.env.WAITS);
  const answer = (id, status) =>
    new Response(
      JSON.stringify({
        id,
        status,
        progress: 0,
        object: 'video.generation.task',
        model: 'wan2.7-image-to-video',
        type: 'video',
        created: Math.floor(Date.now() / 1000),
        task_info: { can_cancel: true, estimated_time: 240 },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  let created = 0;
  const fetch = async (url, init) => {
    if (init?.method === 'POST') return answer(`task-unified-1767225600-mem${String(created++).padStart(6, '0')}`, 'pending');
    return answer(decodeURIComponent(new URL(url).pathname.split('/').pop()), 'processing');
  };
  const params = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      globalThis.gc();
    }
  };
  const createdReach = async (count) => {
    while (created < count) await new Promise((resolve) => setImmediate(resolve));
    // One more turn: the last create's answer reaches its wait, which schedules its first poll.
    await new Promise((resolve) => setImmediate(resolve));
  };
  /** Starts `count` waits on a fresh client; returns the heap they hold once all are asleep, per wait. */
  const round = async (count) => {
    const client = new WanClient({ apiKey: 'sk-memory-measurement-0000', fetch });
    await settle();
    const before = process.memoryUsage().heapUsed;
    const target = created + count;
    const all = Array.from({ length: count }, () =>
      client
        .imageToVideo(params)
        .waitForResult()
        .catch(() => undefined),
    );
    // Every create answered and every wait asleep until its first poll (tens of seconds away for a 4-minute task).
    await createdReach(target);
    await settle();
    const perWait = (process.memoryUsage().heapUsed - before) / count;
    // Closing the client ends every wait at once (ClientClosedError).
    await client.close();
    await Promise.all(all);
    return perWait;
  };
  // Warm up, unmeasured: builds the model's schema, loads lazily used code and lets V8 compile the hot paths.
  await round(200);
  const perWait = [];
  for (let i = 0; i < Number(process.env.ROUNDS); i++) perWait.push(await round(waits));
  const sorted = [...perWait].sort((a, b) => a - b);
  console.log(JSON.stringify({ waits, heapBytesPerWait: sorted[Math.floor(sorted.length / 2)], heapBytesPerWaitMin: sorted[0] }));
}

if (process.env[CHILD]) {
  await measureInChild();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const waits = Number(process.argv[2]) || 1000;
  const { heapBytesPerWait, heapBytesPerWaitMin } = await waitMemory({ waits });
  console.log(
    `${waits} concurrent waits: ${(heapBytesPerWait / 1024).toFixed(2)} KB of heap per waiting task (median of 3 rounds; min ${(heapBytesPerWaitMin / 1024).toFixed(2)} KB)`,
  );
}
