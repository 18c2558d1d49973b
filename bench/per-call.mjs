// Per-call cost on loopback: sequential `get` (read a task) and `create` calls by each client against one API server
// running in its own process. Rounds alternate the clients (in a rotating order), each round timing a batch of calls per
// client; figures are medians over rounds, as CPU time of this process per call and wall time per call, with ratios to
// undici's raw request() measured in the same run.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS } from './peers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startServer() {
  const child = fork(join(here, 'api-server.mjs'), { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
  // Stopping waits until the clients' keep-alive sockets have seen the close, so none closes during a later section.
  const stop = async () => {
    child.kill();
    await once(child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 200));
  };
  return { url, stop };
}

async function timeBatch(call, calls) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const wall = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { cpuUs: (user + system) / calls, wallUs: (wall * 1000) / calls };
}

/** Runs the comparison; `rounds` batches of `calls` per client and method. */
export async function perCallCost({ rounds = 15, calls = 200, warmup = 300 } = {}) {
  const server = await startServer();
  const clients = CLIENTS.map((c) => ({ ...c, api: c.make(server.url), samples: { get: [], create: [] } }));
  for (const c of clients) for (let i = 0; i < warmup; i++) await c.api[i % 2 ? 'get' : 'create']();
  for (let round = 0; round < rounds; round++) {
    for (const method of ['get', 'create']) {
      for (let k = 0; k < clients.length; k++) {
        const c = clients[(round + k) % clients.length];
        c.samples[method].push(await timeBatch(c.api[method], calls));
      }
    }
  }
  await Promise.all(clients.map((c) => c.api.close()));
  await server.stop();
  const rows = clients.map((c) => {
    const fig = (method, key) => median(c.samples[method].map((s) => s[key]));
    return {
      client: c.name,
      get: { cpuUs: fig('get', 'cpuUs'), wallUs: fig('get', 'wallUs') },
      create: { cpuUs: fig('create', 'cpuUs'), wallUs: fig('create', 'wallUs') },
    };
  });
  return { rows, rounds, calls, print: () => printPerCall(rows, rounds, calls) };
}

function printPerCall(rows, rounds, calls) {
  const base = rows[0];
  const cell = (r, method, key) => `${r[method][key].toFixed(0).padStart(5)} µs ×${(r[method][key] / base[method][key]).toFixed(2)}`;
  console.log(
    `\nPer-call cost on loopback, sequential calls (medians of ${rounds} alternating rounds × ${calls} calls; ratios to raw undici.request):`,
  );
  console.log(
    `${'client'.padEnd(24)} ${'GET cpu'.padStart(13)}  ${'GET wall'.padStart(13)}  ${'POST cpu'.padStart(13)}  ${'POST wall'.padStart(13)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.client.padEnd(24)} ${cell(r, 'get', 'cpuUs')}  ${cell(r, 'get', 'wallUs')}  ${cell(r, 'create', 'cpuUs')}  ${cell(r, 'create', 'wallUs')}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) (await perCallCost()).print();
