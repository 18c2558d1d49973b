import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WanClient } from '../../src/index.js';
import { DurationHistory, taskKind } from '../../src/tasks/duration-history.js';

describe('DurationHistory', () => {
  it('gives a prior once three tasks of a kind completed at similar times: their median and farthest distance', () => {
    const history = new DurationHistory();
    history.record('k', 100_000);
    history.record('k', 110_000);
    expect(history.prior('k')).toBeUndefined();
    history.record('k', 120_000);
    expect(history.prior('k')).toEqual({ durationMs: 110_000, spreadMs: 10_000 });
    history.record('k', 104_000);
    expect(history.prior('k')).toEqual({ durationMs: 107_000, spreadMs: 13_000 });
    expect(history.prior('other')).toBeUndefined();
  });

  it('gives none when the durations are not similar (further apart than a quarter of the median)', () => {
    const history = new DurationHistory();
    for (const ms of [60_000, 120_000, 300_000]) history.record('k', ms);
    expect(history.prior('k')).toBeUndefined();
  });

  it('follows the latest eight tasks of a kind (a gateway that slows down) and ignores durations that are not', () => {
    const history = new DurationHistory();
    for (let i = 0; i < 8; i++) history.record('k', 60_000);
    for (let i = 0; i < 8; i++) history.record('k', 200_000);
    for (const bad of [Number.NaN, -1, 0, Number.POSITIVE_INFINITY]) history.record('k', bad);
    expect(history.prior('k')).toEqual({ durationMs: 200_000, spreadMs: 0 });
  });

  it('keeps 64 kinds, forgetting the least recently used first', () => {
    const history = new DurationHistory();
    for (const ms of [1, 2, 3]) history.record('first', ms * 1000 + 100_000);
    for (let i = 0; i < 63; i++) for (let j = 0; j < 3; j++) history.record(`kind-${i}`, 100_000);
    history.record('first', 101_000);
    history.record('one-more', 100_000);
    expect(history.prior('first')).toBeDefined();
    expect(history.prior('kind-0')).toBeUndefined();
    expect(history.prior('kind-1')).toBeDefined();
  });

  it('names a kind by model, duration and quality', () => {
    expect(taskKind('wan2.7-image-to-video', { prompt: 'x', duration: 5, quality: '1080p' })).toBe('wan2.7-image-to-video|5|1080p');
    expect(taskKind('wan2.7-image-to-video', { prompt: 'x' })).toBe('wan2.7-image-to-video||');
    expect(taskKind('wan2.7-image-to-video', null)).toBe('wan2.7-image-to-video||');
  });

  it('a wait with the create’s params reads its kind; one resumed by id reads the model’s; both learn', () => {
    const history = new DurationHistory();
    const model = 'wan2.7-text-to-video';
    for (const ms of [100_000, 101_000, 102_000]) history.forTask(model, { duration: 5 })!.record(ms);
    expect(history.forTask(model, { duration: 5 })!.prior).toEqual({ durationMs: 101_000, spreadMs: 1_000 });
    expect(history.forTask(model, { duration: 10 })!.prior).toBeUndefined();
    expect(history.forTask(model)!.prior).toEqual({ durationMs: 101_000, spreadMs: 1_000 });
    // Tasks of 10 s take longer: the model's history is no longer similar, the 5 s kind's still is.
    for (const ms of [200_000, 210_000, 205_000]) history.forTask(model, { duration: 10 })!.record(ms);
    expect(history.forTask(model)!.prior).toBeUndefined();
    expect(history.forTask(model, { duration: 5 })!.prior).toEqual({ durationMs: 101_000, spreadMs: 1_000 });
    expect(history.forTask(undefined)).toBeUndefined();
  });
});

describe('the client’s waits learn from its earlier tasks of the same kind', () => {
  const START = Date.UTC(2026, 0, 1);
  let clock: ReturnType<typeof FakeTimers.install> | undefined;
  // The jitter draws from Math.random: a fixed sequence makes every run schedule the same delays.
  beforeEach(() => {
    let i = 0;
    vi.spyOn(Math, 'random').mockImplementation(() => (i++ * 0.618_034) % 1);
  });
  afterEach(() => {
    clock?.uninstall();
    vi.restoreAllMocks();
  });

  /** Runs tasks of 120 s one after the other through one client; returns the reads each wait made. */
  async function readsPerTask(durations: number[], { lastDuration = 5, resumeLast = false } = {}): Promise<number[]> {
    clock = FakeTimers.install({ now: START, toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
    const created = new Map<string, number>();
    const reads = new Map<string, number>();
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    const fetch = async (url: string | URL, init?: RequestInit) => {
      const now = Date.now();
      if (init?.method === 'POST') {
        const { prompt } = JSON.parse(String(init.body)) as { prompt: string };
        created.set(prompt, now);
        const id = `task-unified-1767225600-${prompt}`;
        return json({
          id,
          object: 'video.generation.task',
          model: 'wan2.7-text-to-video',
          status: 'pending',
          progress: 0,
          created: Math.floor(now / 1000),
        });
      }
      const id = new URL(String(url)).pathname.split('/').pop()!;
      const name = id.split('-').pop()!;
      reads.set(name, (reads.get(name) ?? 0) + 1);
      const done = now - created.get(name)! >= Number(name.split('x')[1]);
      const base = { id, object: 'video.generation.task', model: 'wan2.7-text-to-video', created: Math.floor(created.get(name)! / 1000) };
      return json(
        done
          ? { ...base, status: 'completed', progress: 100, results: ['https://cdn.example/v.mp4'] }
          : { ...base, status: 'processing', progress: 0 },
      );
    };
    const client = new WanClient({ apiKey: 'sk-test-key-000000', fetch, timeout: 0 });
    const names: string[] = [];
    for (const [i, ms] of durations.entries()) {
      const name = `t${i}x${ms}`;
      names.push(name);
      const duration = i === durations.length - 1 ? lastDuration : 5;
      const handle = client.textToVideo({ prompt: name, duration });
      const last = i === durations.length - 1;
      const wait =
        last && resumeLast ? handle.then((task) => client.tasks.wait(task.id, { timeout: 0 })) : handle.waitForResult({ timeout: 0 });
      let settled = false;
      void wait.finally(() => (settled = true)).catch(() => {});
      while (!settled) await clock.nextAsync();
      await wait;
    }
    await client.close();
    clock.uninstall();
    clock = undefined;
    return names.map((n) => reads.get(n)!);
  }

  it('the fourth task of a kind is read less often than the first; one of another duration is not', async () => {
    const reads = await readsPerTask([120_000, 121_000, 119_000, 120_500]);
    // The first three have no history (three are needed): the steady cadence, 18 reads each.
    expect(reads.slice(0, 3)).toEqual([18, 18, 18]);
    expect(reads[3]).toBeLessThanOrEqual(14);
    // `duration: 10` is another kind: no history for it.
    expect((await readsPerTask([120_000, 121_000, 119_000, 120_500], { lastDuration: 10 }))[3]).toBe(18);
  });

  it('a wait resumed by id learns from the model’s earlier tasks (a queue worker’s waits)', async () => {
    const reads = await readsPerTask([120_000, 121_000, 119_000, 120_500], { resumeLast: true });
    // Resumed, the first read is at once; then the history's window.
    expect(reads[3]).toBeLessThanOrEqual(15);
    expect(reads[0]).toBeGreaterThanOrEqual(17);
  });

  it('on novita, whose answers name no model, the create’s model names the kind', async () => {
    clock = FakeTimers.install({ now: START, toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
    const created = new Map<string, number>();
    const reads = new Map<string, number>();
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    let next = 0;
    const fetch = async (url: string | URL, init?: RequestInit) => {
      const now = Date.now();
      if (init?.method === 'POST') {
        const id = `nv-${next++}`;
        created.set(id, now);
        return json({ task_id: id });
      }
      const id = new URL(String(url)).searchParams.get('task_id')!;
      reads.set(id, (reads.get(id) ?? 0) + 1);
      const done = now - created.get(id)! >= 120_000;
      const task = { task_id: id, status: done ? 'TASK_STATUS_SUCCEED' : 'TASK_STATUS_PROCESSING', progress_percent: 0 };
      return json(done ? { task, videos: [{ video_url: 'https://cdn.example/v.mp4', video_url_ttl: '3600' }] } : { task });
    };
    const client = new WanClient({ provider: 'novita', apiKey: 'sk-test-key-000000', fetch, timeout: 0 });
    for (let i = 0; i < 4; i++) {
      const wait = client.textToVideo({ prompt: `novita ${i}`, duration: 5 }).waitForResult({ timeout: 0 });
      let settled = false;
      void wait.finally(() => (settled = true)).catch(() => {});
      while (!settled) await clock.nextAsync();
      await wait;
    }
    await client.close();
    const counts = [...reads.values()];
    expect(counts[3]).toBeLessThan(counts[0]!);
  });
});
