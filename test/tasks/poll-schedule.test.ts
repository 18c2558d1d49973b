import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PollTiming, Task } from '../../src/index.js';
import {
  BUDGET_POLL_MS,
  LONGEST_WAIT_MS,
  MAX_DEFAULT_POLL_MS,
  MIN_DEFAULT_POLL_MS,
  NEAR_END_POLL_MS,
  PRIOR_WINDOW_POLL_MS,
  UNINFORMED_POLL_MS,
  defaultPollInterval,
} from '../../src/tasks/poll-interval.js';
import { DurationHistory, type KindHistory } from '../../src/tasks/duration-history.js';
import { TaskTiming } from '../../src/tasks/task-timing.js';
import { type GetTask, waitForTask } from '../../src/tasks/wait-for-task.js';
import { resolveWaitOptions } from '../../src/tasks/wait-options.js';
import { VirtualClock } from '../support/virtual-clock.js';

const ID = 'task-unified-1757169743-7cvnl5zw';
const START = 1_760_000_000_000;
const mid = () => 0.5;

const MODEL = 'wan2.7-image-to-video';

/** A task that takes `durationMs`, as a gateway reports it. */
interface Life {
  durationMs: number;
  /** `task_info.estimated_time` on the create answer, in seconds. */
  estimate?: number | undefined;
  /** Also on every read (the documented read has none). */
  estimateOnReads?: boolean;
  /** `progress` of a read at that share of the task's life (default: 0 until done). */
  progress?: (life: number) => number;
  /** The model the answers name (default wan2.7-image-to-video). */
  model?: string;
}

/** Honest progress: linear in time, in steps of 10 %. */
const steps = (life: number) => 10 * Math.floor(10 * life);
/** Progress that races to 90 % in the first fifth of the task's life, then crawls to 99 %. */
const races = (life: number) => Math.floor(life < 0.2 ? (90 * life) / 0.2 : 90 + (9 * (life - 0.2)) / 0.8);

function answerAt(life: Life, now: number, created: boolean): Task {
  const base = { id: ID, created: START / 1000, model: life.model ?? MODEL };
  const info = life.estimate !== undefined && (created || life.estimateOnReads) ? { task_info: { estimated_time: life.estimate } } : {};
  if (!created && now - START >= life.durationMs)
    return { ...base, status: 'completed', progress: 100, results: ['https://cdn.example/v.mp4'] };
  const progress = life.progress && !created ? life.progress((now - START) / life.durationMs) : 0;
  return { ...base, ...info, status: created ? 'pending' : 'processing', progress };
}

/** Waits on `life` with the default schedule on a virtual clock; returns when each poll was sent (ms since creation). */
async function pollTimes(
  life: Life,
  { resume = false, history }: { resume?: boolean; history?: KindHistory | undefined } = {},
): Promise<{ polls: number[]; lag: number; sleeps: number[] }> {
  const clock = new VirtualClock(START);
  const polls: number[] = [];
  const get: GetTask = async () => {
    polls.push(clock.now() - START);
    return answerAt(life, clock.now(), false);
  };
  const initial = resume ? undefined : answerAt(life, START, true);
  const options = { ...resolveWaitOptions({ timeout: 0 }, START), stop: undefined, history: history && (() => history) };
  await clock.run(waitForTask(get, ID, options, clock, initial));
  return { polls, lag: clock.now() - START - life.durationMs, sleeps: clock.sleeps };
}

/** The reads of a fixed 6 s poller on a task of `durationMs` (the first 6 s after creation). */
const fixedPollerReads = (durationMs: number) => Math.ceil(durationMs / 6000);
/** The steady cadence, jitter included. */
const steady = { min: UNINFORMED_POLL_MS * 0.9, max: UNINFORMED_POLL_MS * 1.1 };

const timing = (fields: Partial<TaskTiming>): TaskTiming =>
  Object.assign(new TaskTiming(), { startedAt: START, refAt: START, earliestEnd: START + 30_000, answers: 1, ...fields });

describe('default poll schedule, per scenario (virtual clock)', () => {
  // The jitter draws from Math.random: a fixed sequence makes every run schedule the same delays.
  beforeEach(() => {
    let i = 0;
    vi.spyOn(Math, 'random').mockImplementation(() => (i++ * 0.618_034) % 1);
  });
  afterEach(() => vi.restoreAllMocks());

  it('waits for the model’s shortest duration before the first poll (no Wan task ends within seconds)', async () => {
    expect((await pollTimes({ durationMs: 60_000 })).sleeps[0]).toBe(30_000);
    expect((await pollTimes({ durationMs: 60_000, model: 'wan2.6-image-to-video-flash' })).sleeps[0]).toBe(20_000);
    // A model it does not know: no such floor, the steady cadence from the start.
    const unknown = (await pollTimes({ durationMs: 60_000, model: 'some-other-model' })).sleeps[0]!;
    expect(unknown).toBeGreaterThanOrEqual(steady.min);
    expect(unknown).toBeLessThanOrEqual(steady.max);
  });

  it('no estimate, progress stuck at 0: the steady cadence after the first poll, fewer reads than a 6 s poller', async () => {
    // The 30 s without reads pay for a cadence a little denser than 6 s: fewer reads up to about 5 minutes.
    for (const durationMs of [60_000, 120_000, 240_000, 300_000]) {
      const { sleeps, polls, lag } = await pollTimes({ durationMs });
      for (const ms of sleeps.slice(1)) {
        expect(ms).toBeGreaterThanOrEqual(steady.min);
        expect(ms).toBeLessThanOrEqual(steady.max);
      }
      expect(polls.length).toBeLessThanOrEqual(fixedPollerReads(durationMs) + (durationMs > 240_000 ? 1 : 0));
      expect(lag).toBeLessThanOrEqual(steady.max);
    }
  });

  it('estimate 50 % too low, no progress: never dense, and the overdue estimate is dropped', async () => {
    const { sleeps, polls, lag } = await pollTimes({ durationMs: 120_000, estimate: 60 });
    for (const ms of sleeps.slice(1)) {
      expect(ms).toBeGreaterThanOrEqual(steady.min);
      expect(ms).toBeLessThanOrEqual(steady.max);
    }
    expect(polls.length).toBeLessThanOrEqual(fixedPollerReads(120_000));
    expect(lag).toBeLessThanOrEqual(steady.max);
  });

  it('an estimate far too high, no progress: never sparser than the steady cadence', async () => {
    const { sleeps, lag } = await pollTimes({ durationMs: 90_000, estimate: 270 });
    for (const ms of sleeps.slice(1)) expect(ms).toBeLessThanOrEqual(steady.max);
    expect(lag).toBeLessThanOrEqual(steady.max);
  });

  it('progress that races to 90 % then crawls: the spent trend is dropped, the crawl measured afresh', async () => {
    for (const estimate of [undefined, 180]) {
      const { sleeps, polls, lag } = await pollTimes({ durationMs: 180_000, estimate, progress: races });
      // A few dense polls while the race's prediction is believed, then mostly sparse: far fewer reads than a 6 s
      // poller's 30, and the end still noticed within a few seconds.
      expect(sleeps.filter((ms) => ms < steady.min).length).toBeLessThanOrEqual(estimate === undefined ? 12 : 16);
      expect(polls.length).toBeLessThanOrEqual(fixedPollerReads(180_000));
      expect(lag).toBeLessThanOrEqual(4_000);
    }
  });

  it('a single progress jump is not a trend: the steady cadence until a second change confirms one', async () => {
    // 0 → 50 % early, then nothing until done: one change says nothing of the pace.
    const { sleeps } = await pollTimes({ durationMs: 150_000, progress: (life) => (life > 0.1 ? 50 : 0) });
    for (const ms of sleeps.slice(1)) {
      expect(ms).toBeGreaterThanOrEqual(steady.min);
      expect(ms).toBeLessThanOrEqual(steady.max);
    }
  });

  it('estimate and honest progress: sparse far from the end, dense around it, about half a 6 s poller’s reads', async () => {
    const { polls, lag } = await pollTimes({ durationMs: 200_000, estimate: 200, progress: steps });
    // Far from the end (first half): a few polls.
    expect(polls.filter((t) => t < 100_000).length).toBeLessThanOrEqual(7);
    // Around the end: dense.
    const gaps = polls.slice(1).map((t, i) => t - polls[i]!);
    for (const gap of gaps.slice(-3)) expect(gap).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.25);
    expect(lag).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.25);
    expect(polls.length).toBeLessThanOrEqual(0.6 * fixedPollerReads(200_000));
  });

  it('follows the progress trend when there is no estimate', async () => {
    const { polls, lag } = await pollTimes({ durationMs: 150_000, progress: steps });
    expect(polls.filter((t) => t < 75_000).length).toBeLessThanOrEqual(9);
    expect(lag).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.1);
    expect(polls.length).toBeLessThanOrEqual(0.8 * fixedPollerReads(150_000));
  });

  it('uses an estimate that arrives on a later read (resuming by id)', async () => {
    const { polls, lag } = await pollTimes(
      { durationMs: 120_000, estimate: 120, estimateOnReads: true, progress: steps },
      { resume: true },
    );
    expect(polls[0]).toBe(0);
    expect(polls[1]).toBe(30_000);
    expect(polls.length).toBeLessThanOrEqual(0.8 * fixedPollerReads(120_000));
    expect(lag).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.25);
  });

  it('never reads more often than a 6 s poller would have by then (plus two), whatever the progress does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 40_000, max: 400_000 }),
        // Estimates of real tasks (one of seconds is a fake server's, polled faster on purpose).
        fc.option(fc.integer({ min: 40, max: 900 }), { nil: undefined }),
        fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 40 }),
        async (durationMs, estimate, levels) => {
          // Progress that jumps about as `levels` says, a new value every 2 % of the task's life.
          const progress = (life: number) => levels[Math.floor(life * 50) % levels.length]!;
          const { polls } = await pollTimes({ durationMs, estimate, progress });
          for (const [i, t] of polls.entries()) expect(i + 1).toBeLessThanOrEqual(t / BUDGET_POLL_MS + 3);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('no estimate, no progress, but tasks of its kind took 110–130 s: sparse before that window, dense in it', async () => {
    const seen = new DurationHistory();
    for (const ms of [110_000, 120_000, 130_000, 118_000]) seen.record(MODEL, ms);
    const { sleeps, polls, lag } = await pollTimes({ durationMs: 121_000 }, { history: seen.forTask(MODEL) });
    // Before the window (from 100 s: the spread of 12 s and a margin of 6 s around the median 119 s): half the time
    // to it each time, at most 20 s (jitter ±10 %).
    expect(sleeps[0]).toBe(30_000);
    for (const ms of sleeps.slice(1, 3)) expect(Math.abs(ms - MAX_DEFAULT_POLL_MS)).toBeLessThanOrEqual(0.1 * MAX_DEFAULT_POLL_MS);
    expect(polls.filter((t) => t < 101_000).length).toBeLessThanOrEqual(6);
    // Inside it: every 2–3 s (a 36 s window: 36/16 s, jitter included).
    const inside = polls.filter((t) => t > 101_000);
    for (const [i, t] of inside.slice(1).entries()) expect(t - inside[i]!).toBeLessThanOrEqual(PRIOR_WINDOW_POLL_MS * 1.1);
    expect(lag).toBeLessThanOrEqual(PRIOR_WINDOW_POLL_MS * 1.1);
    // Without the history the same task is read every 5.5 s: more reads, and noticed later.
    const alone = await pollTimes({ durationMs: 121_000 });
    expect(polls.length).toBeLessThan(alone.polls.length);
    expect(lag).toBeLessThan(alone.lag);
  });

  it('a task that outlives its kind’s window is read at the steady cadence from then on, within the read budget', async () => {
    const seen = new DurationHistory();
    for (const ms of [60_000, 62_000, 64_000]) seen.record(MODEL, ms);
    const { sleeps, polls, lag } = await pollTimes({ durationMs: 200_000 }, { history: seen.forTask(MODEL) });
    const afterWindow = polls.findIndex((t) => t > 70_000);
    for (const ms of sleeps.slice(afterWindow + 1)) {
      expect(ms).toBeGreaterThanOrEqual(steady.min);
      expect(ms).toBeLessThanOrEqual(steady.max);
    }
    // The dense reads inside the window are paid back: never more than one per 6 s since creation, plus two.
    for (const [i, t] of polls.entries()) expect(i + 1).toBeLessThanOrEqual(t / BUDGET_POLL_MS + 3);
    expect(lag).toBeLessThanOrEqual(steady.max);
  });

  it('tells the history how long a completed task took (to the middle of the gap it ended in), not a failed one', async () => {
    const seen = new DurationHistory();
    const { polls } = await pollTimes({ durationMs: 100_000 }, { history: seen.forTask(MODEL) });
    const [before, after] = [polls.at(-2)!, polls.at(-1)!];
    seen.record(MODEL, 100_000);
    seen.record(MODEL, 100_000);
    expect(seen.prior(MODEL)).toEqual({ durationMs: 100_000, spreadMs: 100_000 - (before + after) / 2 });
    // A failed task says nothing of how long a good one takes.
    const recorded: number[] = [];
    const history = { prior: undefined, record: (ms: number) => recorded.push(ms) };
    const clock = new VirtualClock(START);
    const get: GetTask = async () => ({ id: ID, status: clock.now() - START > 60_000 ? 'failed' : 'processing' });
    const options = { ...resolveWaitOptions({ timeout: 0 }, START), stop: undefined, history: () => history };
    const wait = waitForTask(get, ID, options, clock, {
      id: ID,
      status: 'pending',
      created: START / 1000,
      model: MODEL,
    });
    await expect(clock.run(wait)).rejects.toThrow();
    expect(recorded).toEqual([]);
  });

  it('finishes a task of seconds (a local fake server’s) within about a second, at most every 0.5 s', async () => {
    const { polls, lag, sleeps } = await pollTimes({ durationMs: 2_000, estimate: 2, progress: steps });
    expect(MIN_DEFAULT_POLL_MS).toBe(500);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(450);
    expect(lag).toBeLessThanOrEqual(550);
    expect(polls.length).toBeLessThanOrEqual(5);
    // Running past its estimate, such a task is still polled within seconds, spacing out slowly.
    const late = await pollTimes({ durationMs: 8_000, estimate: 2 });
    expect(Math.max(...late.sleeps)).toBeLessThanOrEqual(2_500);
    expect(late.lag).toBeLessThanOrEqual(2_500);
  });

  it('hands a pollInterval function the timing, so it can adjust the default', async () => {
    const clock = new VirtualClock(START);
    const life = { durationMs: 100_000, estimate: 100, progress: steps };
    const get: GetTask = async () => answerAt(life, clock.now(), false);
    const seen: PollTiming[] = [];
    const pollInterval = (_attempt: number, _task: Task, t: PollTiming) => {
      seen.push({ ...t });
      return Math.max(10_000, defaultPollInterval(t, clock.now()));
    };
    const options = { ...resolveWaitOptions({ pollInterval, timeout: 0 }, START), stop: undefined };
    await clock.run(waitForTask(get, ID, options, clock, answerAt(life, START, true)));
    expect(Math.min(...clock.sleeps)).toBe(10_000);
    expect(clock.sleeps[0]).toBe(30_000);
    expect(seen[0]).toMatchObject({ startedAt: START, expectedEnd: START + 100_000, earliestEnd: START + 30_000, answers: 1 });
    expect(seen.at(-1)?.answers).toBe(seen.length);
  });

  it('a pollInterval number overrides everything, the first poll included', async () => {
    const clock = new VirtualClock(START);
    const life = { durationMs: 20_000, estimate: 300, progress: races };
    const get: GetTask = async () => answerAt(life, clock.now(), false);
    const options = { ...resolveWaitOptions({ pollInterval: 1_000, timeout: 0 }, START), stop: undefined };
    await clock.run(waitForTask(get, ID, options, clock, answerAt(life, START, true)));
    expect(new Set(clock.sleeps)).toEqual(new Set([1_000]));
    expect(clock.sleeps).toHaveLength(20);
  });

  it('never modifies the snapshots it reads', async () => {
    const clock = new VirtualClock(START);
    const initial = answerAt({ durationMs: 10_000, estimate: 10 }, START, true);
    const copy = structuredClone(initial);
    const get: GetTask = async () => answerAt({ durationMs: 10_000 }, clock.now(), false);
    await clock.run(waitForTask(get, ID, { ...resolveWaitOptions({}, START), stop: undefined }, clock, initial));
    expect(initial).toEqual(copy);
  });
});

describe('defaultPollInterval', () => {
  it('stays between the floor and the longest wait, jitter included, whatever it was told', () => {
    const finite = fc.double({ min: -1e13, max: 1e13, noNaN: true });
    const maybe = fc.oneof(finite, fc.constant(Number.NaN));
    const level = fc.double({ min: 0, max: 99, noNaN: true });
    const fields = fc.record({ startedAt: maybe, expectedEnd: maybe, earliestEnd: maybe, answers: fc.nat(10_000) });
    const trend = fc.record({ level, levelAt: maybe, refLevel: level, refAt: maybe });
    fc.assert(
      fc.property(fields, trend, finite, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (f, t, now, r) => {
        const delay = defaultPollInterval({ ...f, ...t }, now, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(MIN_DEFAULT_POLL_MS * 0.9));
        expect(delay).toBeLessThanOrEqual(LONGEST_WAIT_MS);
      }),
      { numRuns: 2000 },
    );
  });

  it('waits for the model’s shortest duration, unless the server expects the task sooner (a fake server)', () => {
    expect(defaultPollInterval(timing({}), START, mid)).toBe(30_000);
    expect(defaultPollInterval(timing({}), START + 25_000, mid)).toBe(UNINFORMED_POLL_MS);
    expect(defaultPollInterval(timing({ expectedEnd: START + 2_000 }), START, mid)).toBe(MIN_DEFAULT_POLL_MS);
  });

  it('sleeps a share of the time left before a confirmed trend’s end, at most the cap', () => {
    // 10 % at 10 s, 20 % at 20 s: 1 % a second, done at 100 s.
    const t = timing({ level: 20, levelAt: START + 20_000, refLevel: 10, refAt: START + 10_000 });
    expect(defaultPollInterval(t, START + 30_000, mid)).toBe(MAX_DEFAULT_POLL_MS);
    expect(defaultPollInterval(t, START + 80_000, mid)).toBe(Math.round(0.35 * 20_000));
    // The same progress measured from the start (one change, queueing mixed in) is no trend yet.
    expect(defaultPollInterval(timing({ level: 20, levelAt: START + 20_000 }), START + 30_000, mid)).toBe(UNINFORMED_POLL_MS);
  });

  it('an estimate alone never makes it sparser than the steady cadence', () => {
    const t = timing({ expectedEnd: START + 300_000 });
    expect(defaultPollInterval(t, START + 40_000, mid)).toBe(UNINFORMED_POLL_MS);
    expect(defaultPollInterval(t, START + 290_000, mid)).toBe(UNINFORMED_POLL_MS);
  });

  it('is dense near and just after the predicted end, then drops the spent prediction', () => {
    const trend = timing({ expectedEnd: START + 100_000, level: 90, levelAt: START + 90_000, refLevel: 40, refAt: START + 40_000 });
    expect(defaultPollInterval(trend, START + 99_000, mid)).toBe(NEAR_END_POLL_MS);
    expect(defaultPollInterval(trend, START + 100_000, mid)).toBe(NEAR_END_POLL_MS);
    // 5 s late: the overdue estimate is dropped, the trend still believed (its grace is a tenth of 100 s).
    expect(defaultPollInterval(trend, START + 105_000, mid)).toBe(NEAR_END_POLL_MS * 1.05);
    // 50 s late: the trend was wrong too; back to the steady cadence, not ever denser polling.
    expect(defaultPollInterval(trend, START + 150_000, mid)).toBe(UNINFORMED_POLL_MS);
  });

  it('with a prior window and no trend: half the time to the window, 2–3 s inside it, steady once it is outlived', () => {
    // Tasks of its kind ended 90–110 s after creation: the window is 100 s ± (10 s + a 5 s margin).
    const t = timing({ priorEnd: START + 100_000, priorSpread: 10_000 });
    expect(defaultPollInterval(t, START + 35_000, mid)).toBe(MAX_DEFAULT_POLL_MS);
    expect(defaultPollInterval(t, START + 70_000, mid)).toBe(7_500);
    expect(defaultPollInterval(t, START + 82_000, mid)).toBe(3_000);
    expect(defaultPollInterval(t, START + 90_000, mid)).toBe(NEAR_END_POLL_MS);
    // A wider window (±30 s and the margin: 70 s) is read every 70/16 s, at most every 3 s.
    expect(defaultPollInterval(timing({ priorEnd: START + 100_000, priorSpread: 30_000 }), START + 90_000, mid)).toBe(PRIOR_WINDOW_POLL_MS);
    expect(defaultPollInterval(timing({ priorEnd: START + 100_000, priorSpread: 10_000 }), START + 115_001, mid)).toBe(UNINFORMED_POLL_MS);
    // A confirmed trend is read before the history.
    const trend = timing({ priorEnd: START + 100_000, level: 20, levelAt: START + 20_000, refLevel: 10, refAt: START + 10_000 });
    expect(defaultPollInterval(trend, START + 30_000, mid)).toBe(MAX_DEFAULT_POLL_MS);
    expect(defaultPollInterval(trend, START + 80_000, mid)).toBe(Math.round(0.35 * 20_000));
  });

  it('keeps to the read budget: one read per 6 s since the task began, plus two', () => {
    const at60s = (answers: number) => defaultPollInterval(timing({ answers }), START + 60_000, mid);
    expect(at60s(12)).toBe(UNINFORMED_POLL_MS);
    expect(at60s(13)).toBe(BUDGET_POLL_MS);
    expect(at60s(14)).toBe(2 * BUDGET_POLL_MS);
  });

  it('jitters by ±10 %', () => {
    const t = timing({});
    expect(defaultPollInterval(t, START + 60_000, () => 0)).toBe(Math.round(UNINFORMED_POLL_MS * 0.9));
    expect(defaultPollInterval(t, START + 60_000, () => 0.999_999)).toBe(Math.round(UNINFORMED_POLL_MS * 1.1));
  });
});

describe('TaskTiming', () => {
  it('takes the start from created, never later than now (a server clock running ahead)', () => {
    const ahead = new TaskTiming();
    ahead.observe({ id: ID, status: 'pending', created: (START + 60_000) / 1000, task_info: { estimated_time: 100 } }, START);
    expect(ahead.startedAt).toBe(START);
    expect(ahead.expectedEnd).toBe(START + 100_000);
  });

  it('ignores progress that does not rise, and estimates that are not positive numbers', () => {
    const t = new TaskTiming();
    t.observe({ id: ID, status: 'processing', progress: 40, task_info: { estimated_time: -5 } }, START);
    t.observe({ id: ID, status: 'processing', progress: 30, task_info: { estimated_time: Number.NaN } }, START + 1000);
    expect(t).toMatchObject({ level: 40, levelAt: START, expectedEnd: Number.NaN });
  });

  it('knows the shortest duration of the answer’s model, and counts the answers', () => {
    const t = new TaskTiming();
    t.observe({ id: ID, status: 'pending', created: START / 1000, model: MODEL }, START);
    t.observe({ id: ID, status: 'processing' }, START + 30_000);
    expect(t).toMatchObject({ earliestEnd: START + 30_000, answers: 2 });
    const flash = new TaskTiming();
    flash.observe({ id: ID, status: 'pending', model: 'wan2.6-reference-video-flash' }, START);
    expect(flash.earliestEnd).toBe(START + 20_000);
    const unknown = new TaskTiming();
    unknown.observe({ id: ID, status: 'pending' }, START);
    expect(unknown.earliestEnd).toBeNaN();
  });

  it('measures the pace afresh once the task outlives what the trend predicted', () => {
    const t = new TaskTiming();
    t.observe({ id: ID, status: 'pending', progress: 0, created: START / 1000 }, START);
    t.observe({ id: ID, status: 'processing', progress: 45 }, START + 10_000);
    t.observe({ id: ID, status: 'processing', progress: 90 }, START + 20_000);
    // 45 % at 5 s, 90 % at 15 s: done at about 17 s by that trend.
    expect(t).toMatchObject({ refLevel: 45, refAt: START + 5_000, level: 90, levelAt: START + 15_000 });
    t.observe({ id: ID, status: 'processing', progress: 91 }, START + 60_000);
    // 91 % at 60 s: the burst is left behind; the pace is measured from 90 %.
    expect(t).toMatchObject({ refLevel: 90, refAt: START + 15_000, level: 91, levelAt: START + 40_000 });
  });

  it('dates a progress change halfway between the read that missed it and the read that saw it', () => {
    const t = new TaskTiming();
    t.observe({ id: ID, status: 'pending', progress: 0, created: START / 1000 }, START);
    t.observe({ id: ID, status: 'processing', progress: 20 }, START + 10_000);
    expect(t).toMatchObject({ level: 20, levelAt: START + 5_000, refLevel: 0, refAt: START });
    t.observe({ id: ID, status: 'processing', progress: 40 }, START + 20_000);
    // The trend is measured from the level nearest half the new one.
    expect(t).toMatchObject({ level: 40, levelAt: START + 15_000, refLevel: 20, refAt: START + 5_000 });
  });
});
