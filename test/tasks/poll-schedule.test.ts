import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PollTiming, Task } from '../../src/index.js';
import {
  ESTIMATE_ONLY_POLL_MS,
  MAX_DEFAULT_POLL_MS,
  MIN_DEFAULT_POLL_MS,
  NEAR_END_POLL_MS,
  UNINFORMED_POLL_MS,
  defaultPollInterval,
} from '../../src/tasks/poll-interval.js';
import { TaskTiming } from '../../src/tasks/task-timing.js';
import { type GetTask, waitForTask } from '../../src/tasks/wait-for-task.js';
import { resolveWaitOptions } from '../../src/tasks/wait-options.js';
import { VirtualClock } from '../support/virtual-clock.js';

const ID = 'task-unified-1757169743-7cvnl5zw';
const START = 1_760_000_000_000;
const mid = () => 0.5;

/** A task that takes `durationMs`; its progress (when `progress`) is linear in time, in steps of 10 %. */
interface Life {
  durationMs: number;
  /** `task_info.estimated_time` on the create answer, in seconds. */
  estimate?: number;
  /** Also on every read (the documented read has none). */
  estimateOnReads?: boolean;
  progress?: boolean;
}

function answerAt(life: Life, now: number, created: boolean): Task {
  const base = { id: ID, created: START / 1000 };
  const info = life.estimate !== undefined && (created || life.estimateOnReads) ? { task_info: { estimated_time: life.estimate } } : {};
  if (!created && now - START >= life.durationMs)
    return { ...base, status: 'completed', progress: 100, results: ['https://cdn.example/v.mp4'] };
  const progress = life.progress && !created ? 10 * Math.floor((10 * (now - START)) / life.durationMs) : 0;
  return { ...base, ...info, status: created ? 'pending' : 'processing', progress };
}

/** Waits on `life` with the default schedule on a virtual clock; returns when each poll was sent (ms since creation). */
async function pollTimes(life: Life, { resume = false } = {}): Promise<{ polls: number[]; lag: number; sleeps: number[] }> {
  const clock = new VirtualClock(START);
  const polls: number[] = [];
  const get: GetTask = async () => {
    polls.push(clock.now() - START);
    return answerAt(life, clock.now(), false);
  };
  const initial = resume ? undefined : answerAt(life, START, true);
  await clock.run(waitForTask(get, ID, { ...resolveWaitOptions({ timeout: 0 }, START), stop: undefined }, clock, initial));
  return { polls, lag: clock.now() - START - life.durationMs, sleeps: clock.sleeps };
}

const timing = (fields: Partial<TaskTiming>): TaskTiming => Object.assign(new TaskTiming(), { startedAt: START, refAt: START, ...fields });

describe('default poll schedule (virtual clock)', () => {
  // The jitter draws from Math.random: a fixed sequence makes every run schedule the same delays.
  beforeEach(() => {
    let i = 0;
    vi.spyOn(Math, 'random').mockImplementation(() => (i++ * 0.618_034) % 1);
  });
  afterEach(() => vi.restoreAllMocks());

  it('is sparse far from the estimate, dense around it, and notices the end within the near-end cadence', async () => {
    const { polls, lag } = await pollTimes({ durationMs: 200_000, estimate: 200, progress: true });
    // Far from the end (first half): a few polls, each at most MAX_DEFAULT_POLL_MS apart.
    expect(polls.filter((t) => t < 100_000).length).toBeLessThanOrEqual(7);
    // Around the end: dense.
    const gaps = polls.slice(1).map((t, i) => t - polls[i]!);
    const lastGaps = gaps.slice(-4);
    // (A little over the cadence when the prediction ran early: the spacing then grows slowly.)
    for (const gap of lastGaps) expect(gap).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.25);
    expect(lag).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.25);
    // Far fewer reads than a fixed 6 s poller (33 on this task).
    expect(polls.length).toBeLessThan(20);
  });

  it('remembers the estimate of the create answer: reads without one still poll densely around it', async () => {
    // No progress either: the estimate is all there is.
    const { polls, lag } = await pollTimes({ durationMs: 120_000, estimate: 120 });
    expect(polls.filter((t) => t < 60_000).length).toBeLessThanOrEqual(5);
    const nearEnd = polls.filter((t) => t > 100_000);
    const gaps = nearEnd.slice(1).map((t, i) => t - nearEnd[i]!);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(ESTIMATE_ONLY_POLL_MS * 1.1 + 1);
    expect(lag).toBeLessThanOrEqual(ESTIMATE_ONLY_POLL_MS * 1.1);
  });

  it('uses an estimate that arrives on a later read (resuming by id)', async () => {
    const { polls } = await pollTimes({ durationMs: 120_000, estimate: 120, estimateOnReads: true }, { resume: true });
    expect(polls[0]).toBe(0);
    expect(polls.filter((t) => t < 60_000).length).toBeLessThanOrEqual(5);
    expect(polls.length).toBeLessThan(25);
  });

  it('follows the progress trend when there is no estimate', async () => {
    const { polls, lag } = await pollTimes({ durationMs: 150_000, progress: true });
    expect(polls.filter((t) => t < 75_000).length).toBeLessThanOrEqual(9);
    expect(lag).toBeLessThanOrEqual(NEAR_END_POLL_MS * 1.1);
    expect(polls.length).toBeLessThan(25);
  });

  it('polls at a steady 5 s when nothing hints at the end', async () => {
    const { sleeps } = await pollTimes({ durationMs: 60_000 });
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThanOrEqual(UNINFORMED_POLL_MS * 0.9);
      expect(ms).toBeLessThanOrEqual(UNINFORMED_POLL_MS * 1.1);
    }
  });

  it('finishes a task of seconds (a local fake server’s) within about a second, at most every 0.5 s', async () => {
    const { polls, lag, sleeps } = await pollTimes({ durationMs: 2_000, estimate: 2, progress: true });
    expect(MIN_DEFAULT_POLL_MS).toBe(500);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(450);
    expect(lag).toBeLessThanOrEqual(550);
    expect(polls.length).toBeLessThanOrEqual(5);
  });

  it('hands a pollInterval function the timing, so it can adjust the default', async () => {
    const clock = new VirtualClock(START);
    const life = { durationMs: 100_000, estimate: 100, progress: true };
    const get: GetTask = async () => answerAt(life, clock.now(), false);
    const pollInterval = (_attempt: number, _task: Task, t: PollTiming) => Math.max(10_000, defaultPollInterval(t, clock.now()));
    const options = { ...resolveWaitOptions({ pollInterval, timeout: 0 }, START), stop: undefined };
    await clock.run(waitForTask(get, ID, options, clock, answerAt(life, START, true)));
    expect(Math.min(...clock.sleeps)).toBe(10_000);
    expect(clock.sleeps[0]).toBeGreaterThan(10_000);
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
  it('stays between the floor and the cap, jitter included, whatever it was told', () => {
    const finite = fc.double({ min: -1e13, max: 1e13, noNaN: true });
    const maybe = fc.oneof(finite, fc.constant(Number.NaN));
    fc.assert(
      fc.property(
        maybe,
        maybe,
        fc.double({ min: 0, max: 99, noNaN: true }),
        maybe,
        fc.double({ min: 0, max: 99, noNaN: true }),
        maybe,
        finite,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (startedAt, expectedEnd, level, levelAt, refLevel, refAt, now, r) => {
          const delay = defaultPollInterval({ startedAt, expectedEnd, level, levelAt, refLevel, refAt }, now, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(MIN_DEFAULT_POLL_MS * 0.9));
          expect(delay).toBeLessThanOrEqual(Math.ceil(MAX_DEFAULT_POLL_MS * 1.1));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('sleeps a share of the time left while far from the end, at most the cap', () => {
    const t = timing({ expectedEnd: START + 300_000 });
    expect(defaultPollInterval(t, START, mid)).toBe(MAX_DEFAULT_POLL_MS);
    expect(defaultPollInterval(t, START + 170_000, mid)).toBe(Math.round(0.35 * (210_000 - 170_000)));
  });

  it('is dense near and after the predicted end, spacing out slowly when the task runs late', () => {
    const trend = timing({ expectedEnd: START + 100_000, level: 90, levelAt: START + 90_000, refLevel: 40, refAt: START + 40_000 });
    expect(defaultPollInterval(trend, START + 99_000, mid)).toBe(NEAR_END_POLL_MS);
    expect(defaultPollInterval(trend, START + 100_000, mid)).toBe(NEAR_END_POLL_MS);
    expect(defaultPollInterval(trend, START + 150_000, mid)).toBe(NEAR_END_POLL_MS * 1.5);
  });

  it('jitters by ±10 %', () => {
    const t = timing({});
    expect(defaultPollInterval(t, START, () => 0)).toBe(UNINFORMED_POLL_MS * 0.9);
    expect(defaultPollInterval(t, START, () => 0.999_999)).toBe(UNINFORMED_POLL_MS * 1.1);
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
