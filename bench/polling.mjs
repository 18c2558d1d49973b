// Polling simulation: how late each wait schedule notices a finished task, and how many polls it spends, on the same
// seeded set of tasks. It drives the real `client.imageToVideo(...).waitForResult()` of the built SDK (dist/) through
// the real client, on fake timers (@sinonjs/fake-timers), with a `fetch` stub that answers from the virtual clock. The
// peers' cadences are run through the same client as `pollInterval` overrides, so only the schedule differs.
//
// `node bench/polling.mjs [tasks] [seed]` prints the tables alone (build first: `npm run build`).
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
 * The seeded task set. Each task really takes 60–300 s and has its own draws for every scenario: an estimate factor
 * U(0.5, 1.5) (an honest estimate, off by up to half), a factor U(2, 3) (an estimate far too high), a queueing phase of
 * 0–15 % of its life and a progress curve y^γ (γ from 0.6 to 1.6: front- or back-loaded, never linear in time).
 */
export function taskSet(count, seed) {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const durationMs = Math.round(uniform(random, 60, 300) * 1000);
    return {
      id: `task-unified-1767225600-sim${String(i).padStart(5, '0')}`,
      createdAt: START + Math.round(uniform(random, 0, 1000)),
      durationMs,
      honest: uniform(random, 0.5, 1.5),
      queued: uniform(random, 0, 0.15),
      gamma: uniform(random, 0.6, 1.6),
      tooHigh: uniform(random, 2, 3),
    };
  });
}

/**
 * A stream of tasks of one kind (one model, duration and quality): one created every 10 s, each taking 100–140 s, so
 * the client has seen some complete before most begin. `slowsBy` stretches the second half (a gateway under load).
 */
export function streamSet(count, seed, slowsBy = 1) {
  const random = seeded(seed ^ 0x57e4);
  return taskSet(count, seed).map((task, i) => ({
    ...task,
    createdAt: START + i * 10_000 + Math.round(uniform(random, 0, 1000)),
    durationMs: Math.round(uniform(random, 100, 140) * 1000 * (i >= count / 2 ? slowsBy : 1)),
  }));
}

/** The share of its life a task has lived at `now`. */
const lifeAt = (task, now) => (now - task.createdAt) / task.durationMs;

/** Informative but imperfect progress: 0 % while queued, then the task's curve, quantised down to 5 % and stuck at 95 %. */
function honestProgress(task, life) {
  if (life < task.queued) return 0;
  return Math.min(95, 5 * Math.floor(((life - task.queued) / (1 - task.queued)) ** task.gamma * 20));
}

/** Progress that races to 90 % in the first fifth of the task's life, then crawls to 99 % (whole percents). */
function racingProgress(_task, life) {
  return Math.floor(life < 0.2 ? (90 * life) / 0.2 : 90 + (9 * (life - 0.2)) / 0.8);
}

const honestEstimate = (task) => Math.round((task.durationMs / 1000) * task.honest);
const stuck = () => 0;
const none = () => undefined;

/**
 * What gateways report, one scenario per row: `estimate(task)` is the create answer's `estimated_time` in whole
 * seconds (`undefined`: none), `progress(task, life)` the `progress` of a read at that share of the task's life. The
 * first two are the helpful ones (an estimate and honest progress); `issue` marks those of issue 20's table.
 */
export const SCENARIOS = [
  { name: 'estimate ±50 %, honest progress', helpful: true, estimate: honestEstimate, progress: honestProgress },
  { name: 'no estimate, honest progress', helpful: true, estimate: none, progress: honestProgress },
  { name: 'no estimate, progress 0 until done', issue: true, estimate: none, progress: stuck },
  {
    name: 'estimate 50 % too low, no progress',
    issue: true,
    estimate: (task) => Math.round(task.durationMs / 2000),
    progress: stuck,
  },
  { name: 'races to 90 % then crawls, estimate ±50 %', issue: true, estimate: honestEstimate, progress: racingProgress },
  { name: 'races to 90 % then crawls, no estimate', issue: true, estimate: none, progress: racingProgress },
  { name: 'estimate ±50 %, progress jumps 0 → 100', estimate: honestEstimate, progress: stuck },
  {
    name: 'estimate 2–3× too high, no progress',
    estimate: (task) => Math.round((task.durationMs / 1000) * task.tooHigh),
    progress: stuck,
  },
  {
    name: 'estimate 2–3× too high, honest progress',
    estimate: (task) => Math.round((task.durationMs / 1000) * task.tooHigh),
    progress: honestProgress,
  },
  // The client's own history as the prior: tasks of one kind arriving over time, the gateway saying nothing.
  { name: 'one kind, 100–140 s, no estimate, no progress', tasks: streamSet, estimate: none, progress: stuck },
  {
    name: 'one kind, then the gateway slows 1.6×',
    tasks: (count, seed) => streamSet(count, seed, 1.6),
    estimate: none,
    progress: stuck,
  },
];

/** What the API answers about `task` at `now` in `scenario`: the create answer carries the estimate, reads never do. */
export function snapshot(task, now, { created, scenario }) {
  const base = { id: task.id, object: 'video.generation.task', model: MODEL, type: 'video', created: Math.floor(task.createdAt / 1000) };
  if (created) {
    const estimate = scenario.estimate(task);
    const task_info = estimate === undefined ? { can_cancel: true } : { can_cancel: true, estimated_time: estimate };
    return { ...base, status: 'pending', progress: 0, task_info };
  }
  const life = lifeAt(task, now);
  if (life >= 1)
    return {
      ...base,
      status: 'completed',
      progress: 100,
      results: [`https://cdn.example/${task.id}.mp4`],
      task_info: { can_cancel: false },
    };
  const progress = scenario.progress(task, life);
  const status = progress > 0 || life >= task.queued ? 'processing' : 'pending';
  return { ...base, status, progress, task_info: { can_cancel: true } };
}

const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Runs every task of the set through one client in one scenario with one schedule; returns per-task polls and lags (ms). */
async function runSchedule(tasks, scenario, schedule, seed) {
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
        return json(snapshot(task, Date.now(), { created: true, scenario }));
      }
      const id = decodeURIComponent(new URL(url).pathname.split('/').pop());
      polls.set(id, polls.get(id) + 1);
      return json(snapshot(byId.get(id), Date.now(), { created: false, scenario }));
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

/** The SDK's default schedule. */
const DEFAULT = { name: 'evolink-wan' };
/** The fixed poller every scenario is measured against: Runway sleeps 4.5–7.5 s before every read, the first one included. */
const RUNWAY = { name: 'Runway (6 s ± 1.5 s)', pollInterval: (random) => () => 4500 + random() * 3000 };
/** The other peers' documented defaults, applied as `pollInterval`: openai's and fal's read at once, then every 5 s / 0.5 s. */
const PEERS = [
  { name: 'openai (5 s)', pollInterval: () => (attempt) => (attempt === 0 ? 0 : 5000) },
  { name: 'fal (0.5 s)', pollInterval: () => (attempt) => (attempt === 0 ? 0 : 500) },
];

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

/** Polls per task (mean, p95) and detection lag (median, p95, in seconds) of one run. */
function summarise(results) {
  const polls = results.map((r) => r.polls);
  const lags = results.map((r) => r.lagMs / 1000);
  return {
    pollsMean: polls.reduce((a, b) => a + b, 0) / polls.length,
    pollsP95: quantile(polls, 0.95),
    lagMedianS: quantile(lags, 0.5),
    lagP95S: quantile(lags, 0.95),
  };
}

const fmt = (n, digits = 1) => n.toFixed(digits);

/**
 * Runs the simulation: `tasks` seeded tasks (default 300) through the default schedule in every scenario of
 * `SCENARIOS`, and through the fixed 6 s ± 1.5 s poller once (it ignores what the gateway reports, so its polls and
 * lags are the same in every scenario); the other peers run in the first (helpful) scenario. Returns:
 * - `scenarios`: per scenario, the default schedule's figures, Runway's, the ratio of polls and whether it is at
 *   least as good on both median lag and polls (`holds`), and for the helpful ones the stricter goal (`goal`:
 *   median lag ≤ 1.5 s, p95 ≤ 4 s, polls ≤ 0.8× Runway's);
 * - `rows`: the first scenario as one row per schedule (`schedule`, polls, lags, `pollsVsRunway`), and the default
 *   schedule in the second as `evolink-wan, no estimate`, for `bench/run.mjs`;
 * - `print()` for both tables.
 */
export async function pollingSimulation({ tasks: count = 300, seed = 20260101 } = {}) {
  const tasks = taskSet(count, seed);
  const runway = summarise(await runSchedule(tasks, SCENARIOS[0], RUNWAY, seed));
  const scenarios = [];
  for (const scenario of SCENARIOS) {
    // A scenario with its own tasks is measured against the fixed poller on those tasks.
    const own = scenario.tasks?.(count, seed);
    const sdk = summarise(await runSchedule(own ?? tasks, scenario, DEFAULT, seed));
    const fixed = own ? summarise(await runSchedule(own, scenario, RUNWAY, seed)) : runway;
    const pollsVsRunway = sdk.pollsMean / fixed.pollsMean;
    scenarios.push({
      scenario: scenario.name,
      issue: scenario.issue === true,
      helpful: scenario.helpful === true,
      sdk,
      runway: fixed,
      pollsVsRunway,
      holds: sdk.lagMedianS <= fixed.lagMedianS && pollsVsRunway <= 1,
      goal: scenario.helpful ? sdk.lagMedianS <= 1.5 && sdk.lagP95S <= 4 && pollsVsRunway <= 0.8 : undefined,
    });
  }
  const rows = [
    { schedule: 'evolink-wan, estimate on create', ...scenarios[0].sdk },
    { schedule: 'evolink-wan, no estimate', ...scenarios[1].sdk },
    { schedule: RUNWAY.name, ...runway },
  ];
  for (const peer of PEERS) rows.push({ schedule: peer.name, ...summarise(await runSchedule(tasks, SCENARIOS[0], peer, seed)) });
  for (const row of rows) row.pollsVsRunway = row.pollsMean / runway.pollsMean;
  const print = () => {
    console.log(
      `\nPolling simulation: ${count} seeded tasks of 60–300 s; the real waitForResult() on fake timers (virtual time, no network).` +
        `\nPer scenario, the default schedule against a fixed 6 s ± 1.5 s poller (Runway's) on the same tasks: ` +
        `Runway ${fmt(runway.pollsMean)} polls/task, lag median ${fmt(runway.lagMedianS, 2)} s, p95 ${fmt(runway.lagP95S, 2)} s.\n`,
    );
    console.log('scenario                                     polls/task  p95   vs Runway   lag median s   lag p95 s   at least as good');
    for (const r of scenarios) {
      if (r.runway !== runway) {
        console.log(
          `  (its own tasks; the fixed poller on them: ${fmt(r.runway.pollsMean)} polls/task, lag median ${fmt(r.runway.lagMedianS, 2)} s, p95 ${fmt(r.runway.lagP95S, 2)} s)`,
        );
      }
      const verdict = `${r.holds ? 'yes' : 'NO'}${r.goal === undefined ? '' : r.goal ? ' (goal met)' : ' (goal NOT met)'}${r.issue ? ' [issue 20]' : ''}`;
      console.log(
        `${r.scenario.padEnd(44)} ${fmt(r.sdk.pollsMean).padStart(10)} ${fmt(r.sdk.pollsP95, 0).padStart(4)}   ×${fmt(r.pollsVsRunway, 2).padStart(4)}   ${fmt(r.sdk.lagMedianS, 2).padStart(12)}   ${fmt(r.sdk.lagP95S, 2).padStart(9)}   ${verdict}`,
      );
    }
    console.log(`\nThe peers in the first scenario (estimate ±50 %, honest progress):\n`);
    console.log('schedule                           polls/task mean   p95   vs Runway   lag median s   lag p95 s');
    for (const r of rows) {
      console.log(
        `${r.schedule.padEnd(34)} ${fmt(r.pollsMean).padStart(15)} ${fmt(r.pollsP95, 0).padStart(5)}   ×${fmt(r.pollsVsRunway, 2).padStart(4)}   ${fmt(r.lagMedianS, 2).padStart(12)}   ${fmt(r.lagP95S, 2).padStart(9)}`,
      );
    }
  };
  return { scenarios, rows, print };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [count, seed] = process.argv.slice(2).map(Number);
  const started = performance.now();
  (await pollingSimulation({ tasks: count || undefined, seed: seed || undefined })).print();
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s of real time)`);
}
