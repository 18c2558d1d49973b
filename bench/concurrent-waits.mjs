// 1,000 concurrent create-and-wait jobs against the fake EvoLink server, with the SDK and with a naive hand-written
// fetch poller (the baseline), each client in its own process (so its CPU and peak RSS are its own), clean and with a
// flaky gateway. The server runs here and counts requests and sockets.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeEvoLinkServer } from '../dist/testing.js';

const here = dirname(fileURLToPath(import.meta.url));
const POLL_MS = 250;

function seeded(seed) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

async function measure(client, chaos, tasks) {
  const random = seeded(42);
  const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 1000 + random() * 2000 }) });
  if (chaos) server.setChaos({ method: 'GET', rateLimited: 0.1, serverErrors: 0.05, retryAfterSeconds: 1, random: seeded(7) });
  const child = spawn(process.execPath, ['--expose-gc', join(here, `${client}.mjs`)], {
    env: {
      ...process.env,
      EVOLINK_API_KEY: server.apiKey,
      EVOLINK_BASE_URL: server.url,
      EVOLINK_LOG: 'off',
      TASKS: String(tasks),
      POLL_MS: String(POLL_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  await new Promise((resolve) => child.on('exit', resolve));
  const result = JSON.parse(out.trim().split('\n').pop());
  const figures = {
    ...result,
    requestsPerTask: server.requests.length / tasks,
    sockets: server.connectionsOpened,
    peakSockets: server.peakOpenConnections,
    tasksCreated: server.tasks.size,
  };
  await server.close();
  return figures;
}

const fmt = (n, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n));

/** Runs both clients, clean and flaky; returns the rows and `print()`. */
export async function concurrentWaits({ tasks = 1000 } = {}) {
  const rows = [];
  for (const chaos of [false, true]) {
    for (const client of ['naive-client', 'sdk-client']) {
      const f = await measure(client, chaos, tasks);
      rows.push({
        scenario: chaos ? 'flaky (10% 429, 5% 5xx)' : 'clean',
        client: client === 'sdk-client' ? 'evolink-wan' : 'naive fetch',
        ...f,
      });
    }
  }
  const print = () => {
    console.log(
      `\n${tasks} concurrent create-and-wait jobs, tasks finishing 1–3 s after creation, poll interval ${POLL_MS} ms, each client in its own process:`,
    );
    console.log(
      'scenario                 client        wall s  CPU s  req/task  peak RSS MB  KB retained/job  sockets (peak)  completed  failed  tasks created',
    );
    for (const r of rows) {
      console.log(
        `${r.scenario.padEnd(24)} ${r.client.padEnd(13)} ${fmt(r.wallMs / 1000).padStart(6)}  ${fmt(r.cpuMs / 1000, 2).padStart(5)}  ${fmt(r.requestsPerTask, 2).padStart(8)}  ${fmt(r.peakRssMB).padStart(11)}  ${fmt(r.kbPerWaitingTask).padStart(15)}  ${`${r.sockets} (${r.peakSockets})`.padStart(14)}  ${String(r.completed).padStart(9)}  ${String(r.failed).padStart(6)}  ${String(r.tasksCreated).padStart(13)}`,
      );
    }
    console.log('ratios, evolink-wan / naive fetch (same run):');
    for (const scenario of [...new Set(rows.map((r) => r.scenario))]) {
      const [base, sdk] = ['naive fetch', 'evolink-wan'].map((c) => rows.find((r) => r.scenario === scenario && r.client === c));
      const ratio = (k) => fmt(sdk[k] / base[k], 2);
      console.log(
        `  ${scenario.padEnd(24)} wall ×${ratio('wallMs')}  CPU ×${ratio('cpuMs')}  req/task ×${ratio('requestsPerTask')}  peak RSS ×${ratio('peakRssMB')}  memory/job ×${ratio('kbPerWaitingTask')}  completed ${sdk.completed} vs ${base.completed}`,
      );
    }
  };
  return { rows, tasks, print };
}
