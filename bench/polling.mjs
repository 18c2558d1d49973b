// Polling simulation: how late each wait schedule notices a finished task, and how many polls it spends, on the same
// seeded set of tasks. It drives the real `client.imageToVideo(...).waitForResult()` of the built SDK (dist/) through
// the real client, on fake timers (@sinonjs/fake-timers), with a `fetch` stub that answers from the virtual clock. The
// peers' cadences are run through the same client as `pollInterval` overrides, so only the schedule differs.
//
// `node bench/polling.mjs [tasks] [seed] [--no-progress]` prints the table alone (build first: `npm run build`).
import { pathToFileURL } from 'node:url';
import FakeTimers from '@sinonjs/fake-timers';
import { WanClient } from '../dist/index.js';

const START = Date.UTC(2026, 0, 1);
const MODEL = 'wan2.7-image-to-video';

/** A small seeded PRNG (mulberry32): the same seed gives the same tasks on every machine. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const uniform = (random, min, max) => min + random() * (max - min);

/**
 * The seeded task set. Each task really takes 60–300 s; the create answer estimates duration × U(0.5, 1.5) (whole
 * seconds, as the API sends it). Its progress is informative but imperfect: `pending` at 0 % through a queueing phase
 * of 0–15 % of its life, then a curve progress = y^γ (γ from 0.6 to 1.6: front- or back-loaded, never linear in time),
 * quantised down to steps of 5 % and stuck at 95 % until it completes.
 */
export function taskSet(count, seed) {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const durationMs = Math.round(uniform(random, 60, 300) * 1000);
    return {
      id: `task-unified-1767225600-sim${String(i).padStart(5, '0')}`,
      createdAt: START + Math.round(uniform(random, 0, 1000)),
      durationMs,
      estimatedTime: Math.round((durationMs / 1000) * uniform(random, 0.5, 1.5)),
      queued: uniform(random, 0, 0.15),
      gamma: uniform(random, 0.6, 1.6),
    };
  });
}

/** What the API answers about `task` at `now`: the create answer carries the estimate (when `withEstimate`), reads never do. */
function snapshot(task, now, { created, withEstimate, progress }) {
  const base = { id: task.id, object: 'video.generation.task', model: MODEL, type: 'video', created: Math.floor(task.createdAt / 1000) };
  if (created)
    return {
      ...base,
      status: 'pending',
      progress: 0,
      task_info: withEstimate ? { can_cancel: true, estimated_time: task.estimatedTime } : { can_cancel: true },
    };
  const life = (now - task.createdAt) / task.durationMs;
  if (life >= 1)
    return {
      ...base,
      status: 'completed',
      progress: 100,
      results: [`https://cdn.example/${task.id}.mp4`],
      task_info: { can_cancel: false },
    };
  if (life < task.queued) return { ...base, status: 'pending', progress: 0, task_info: { can_cancel: true } };
  const curve = ((life - task.queued) / (1 - task.queued)) ** task.gamma;
  return {
    ...base,
    status: 'processing',
    progress: progress ? Math.min(95, 5 * Math.floor(curve * 20)) : 0,
    task_info: { can_cancel: true },
  };
}

const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Runs every task of the set through one client with one schedule; returns per-task polls and lags (ms). */
async function runSchedule(tasks, schedule, { seed, progress }) {
  const clock = FakeTimers.install({
    now: START,
    toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date'],
  });
  // The SDK's jitter draws from Math.random: seed it too, so a run is reproducible.
  const realRandom = Math.random;
  Math.random = seeded(seed ^ 0x5eed);
  try {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const polls = new Map(tasks.map((t) => [t.id, 0]));
    const fetch = async (url, init) => {
      if (init?.method === 'POST') {
        const task = byId.get(JSON.parse(init.body).prompt);
        return json(snapshot(task, Date.now(), { created: true, withEstimate: schedule.withEstimate, progress }));
      }
      const id = decodeURIComponent(new URL(url).pathname.split('/').pop());
      polls.set(id, polls.get(id) + 1);
      return json(snapshot(byId.get(id), Date.now(), { created: false, progress }));
    };
    // Answers are instant, so per-request timeouts and the wait's deadline never fire: turning them off (0) saves two
    // timers per poll and keeps the simulation quick. The schedule is the same.
    const client = new WanClient({ apiKey: 'sk-simulation-key-0000000000', fetch, timeout: 0 });
    const resolvedAt = new Map();
    const pollInterval = schedule.pollInterval?.(seeded(seed ^ 0xbeef));
    const waits = tasks.map(async (task) => {
      await new Promise((resolve) => setTimeout(resolve, task.createdAt - START));
      const video = await client
        .imageToVideo({ prompt: task.id, image_start: 'https://example.com/a.jpg' })
        .waitForResult(pollInterval === undefined ? { timeout: 0 } : { pollInterval, timeout: 0 });
      resolvedAt.set(video.id, Date.now());
    });
    let settled = false;
    const all = Promise.all(waits).finally(() => (settled = true));
    // Creation times are spread over the first second; then virtual time jumps from timer to timer.
    while (!settled) await clock.nextAsync();
    await all;
    await client.close();
    return tasks.map((t) => ({ polls: polls.get(t.id), lagMs: resolvedAt.get(t.id) - (t.createdAt + t.durationMs) }));
  } finally {
    Math.random = realRandom;
    clock.uninstall();
  }
}

/** The schedules compared. The peers' are their documented defaults, applied as `pollInterval`. */
const SCHEDULES = [
  { name: 'evolink-wan, estimate on create', withEstimate: true },
  { name: 'evolink-wan, no estimate', withEstimate: false },
  // Runway sleeps 4.5–7.5 s before every read, the first one included.
  { name: 'Runway (6 s ± 1.5 s)', withEstimate: true, pollInterval: (random) => () => 4500 + random() * 3000 },
  // openai's and fal's pollers read at once, then every 5 s / 0.5 s.
  { name: 'openai (5 s)', withEstimate: true, pollInterval: () => (attempt) => (attempt === 0 ? 0 : 5000) },
  { name: 'fal (0.5 s)', withEstimate: true, pollInterval: () => (attempt) => (attempt === 0 ? 0 : 500) },
];

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

/**
 * Runs the simulation: `tasks` seeded tasks (default 200) through every schedule. Returns one row per schedule
 * (polls per task mean and p95, detection lag median and p95 in seconds) and `print()` for the table. With
 * `progress: false` the API reports 0 % until the end (a stress case for the schedule, not the reference figures).
 */
export async function pollingSimulation({ tasks: count = 200, seed = 20260101, progress = true } = {}) {
  const tasks = taskSet(count, seed);
  const rows = [];
  for (const schedule of SCHEDULES) {
    const results = await runSchedule(tasks, schedule, { seed, progress });
    const polls = results.map((r) => r.polls);
    const lags = results.map((r) => r.lagMs / 1000);
    rows.push({
      schedule: schedule.name,
      pollsMean: polls.reduce((a, b) => a + b, 0) / polls.length,
      pollsP95: quantile(polls, 0.95),
      lagMedianS: quantile(lags, 0.5),
      lagP95S: quantile(lags, 0.95),
    });
  }
  const runway = rows.find((r) => r.schedule.startsWith('Runway'));
  for (const row of rows) row.pollsVsRunway = row.pollsMean / runway.pollsMean;
  const print = () => {
    console.log(
      `\nPolling simulation: ${count} seeded tasks of 60–300 s, estimated_time = duration × U(0.5, 1.5) on the create answer only,` +
        `\n${progress ? 'quantised non-linear progress' : 'progress stuck at 0 % until the end'}; the real waitForResult() on fake timers (virtual time, no network).\n`,
    );
    console.log('schedule                           polls/task mean   p95   vs Runway   lag median s   lag p95 s');
    for (const r of rows) {
      console.log(
        `${r.schedule.padEnd(34)} ${r.pollsMean.toFixed(1).padStart(15)} ${r.pollsP95.toFixed(0).padStart(5)}   ×${r.pollsVsRunway.toFixed(2).padStart(4)}   ${r.lagMedianS.toFixed(2).padStart(12)}   ${r.lagP95S.toFixed(2).padStart(9)}`,
      );
    }
  };
  return { rows, print };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const [count, seed] = args.filter((a) => !a.startsWith('--')).map(Number);
  const started = performance.now();
  (await pollingSimulation({ tasks: count || undefined, seed: seed || undefined, progress: !args.includes('--no-progress') })).print();
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s of real time)`);
}
