import { describe, expect, it } from 'vitest';
import { estimateFrom, type PricingOptions } from '../../src/cost/estimate.js';
import type { ModelId } from '../../src/models/registry.js';

const evolink: PricingOptions = { provider: 'evolink' };
const estimate = (model: ModelId, params: Record<string, unknown>, clipSeconds: (number | undefined)[] = [], pricing = evolink) =>
  estimateFrom({ model, params: { model, ...params }, clipSeconds }, pricing);

describe('billed seconds and USD, from the docs’ own examples', () => {
  // seed 003 §7: "$0.086/sec at 720p, $0.144/sec at 1080p. A 10-second 720p clip costs $0.86"; §1: 5 s ≈ $0.43.
  it.each([
    ['wan2.7-text-to-video', { duration: 10 }, 10, 0.86],
    ['wan2.7-text-to-video', { duration: 10, quality: '1080p' }, 10, 1.44],
    ['wan2.7-text-to-video', {}, 5, 0.43],
    ['wan2.7-image-to-video', { duration: 15, quality: '720p' }, 15, 1.29],
    ['wan2.7-image-to-video', { duration: 2, quality: '1080p' }, 2, 0.288],
  ] as const)('%s %j bills %d s = $%d', (model, params, seconds, usd) => {
    const e = estimate(model, params);
    expect(e).toMatchObject({ billedSeconds: seconds, usd, exact: true, basis: 'evolink', failedTasksBilled: true });
  });

  // wan2.7-image-to-video video_urls: "Billing is based on the total final output length (i.e. duration)".
  it.each([
    [3, 15, 15],
    [5, 10, 10],
    [8, 8, 8],
  ])('video_continuation: a %d s clip with duration %d bills %d s', (clip, duration, billed) => {
    const e = estimate('wan2.7-image-to-video', { generation_mode: 'video_continuation', duration }, [clip]);
    expect(e).toMatchObject({ billedSeconds: billed, inputSeconds: 0, outputSeconds: billed, exact: true });
  });

  // The mode is inferred from the materials when omitted: a clip means video_continuation, billed the same way.
  it.each([
    ['explicit', { generation_mode: 'video_continuation' }],
    ['inferred from the clip', {}],
  ] as const)('continuation %s: a clip of unknown length with duration 15 bills 15 s, exact', (_, mode) => {
    const e = estimate('wan2.7-image-to-video', { ...mode, video_urls: ['https://cdn.example.com/a.mp4'], duration: 15 }, [undefined]);
    expect(e).toMatchObject({ billedSeconds: 15, maxBilledSeconds: 15, usd: 1.29, exact: true, unknownInputs: [] });
  });

  it('continuation bills the duration even when the clip length is unknown', () => {
    const e = estimate('wan2.7-image-to-video', { generation_mode: 'video_continuation', duration: 12 }, [undefined]);
    expect(e).toMatchObject({ billedSeconds: 12, maxBilledSeconds: 12, exact: true, unknownInputs: [] });
  });

  // seed 003 §7: "a 5-second reference video and a 10-second output, you're billed for 15 seconds".
  it('reference video bills input + output seconds, and failed tasks are not billed', () => {
    const e = estimate('wan2.7-reference-video', { duration: 10 }, [5]);
    expect(e).toMatchObject({ billedSeconds: 15, inputSeconds: 5, outputSeconds: 10, usd: 1.29, failedTasksBilled: false });
  });

  it('reference video sums every clip', () => {
    expect(estimate('wan2.7-reference-video', { duration: 5 }, [2.5, 3.25]).billedSeconds).toBe(10.75);
  });

  it.each([
    [6, 0, 12], // duration 0 keeps the input length: input + output = 2 × input
    [6, 5, 11],
    [2, 10, 12],
  ])('video-edit: a %d s source with duration %d bills %d s', (clip, duration, billed) => {
    expect(estimate('wan2.7-video-edit', { duration }, [clip])).toMatchObject({ billedSeconds: billed, failedTasksBilled: false });
  });

  it('video-edit without duration uses the documented default 0 (keep the source length)', () => {
    expect(estimate('wan2.7-video-edit', {}, [4]).billedSeconds).toBe(8);
  });

  // wan2.6 reference-video video_urls: "1 video: min(d, 5s); 2 videos: min(d, 2.5s) each; 3 videos: min(d, 1.65s) each".
  it.each([
    [[8], 5],
    [[3], 3],
    [[3, 2], 4.5],
    [[2, 2, 1], 4.3],
    [[30, 30, 30], 4.95],
  ])('wan2.6 reference clips %j bill %d input seconds', (clips, input) => {
    for (const model of ['wan2.6-reference-video', 'wan2.6-reference-video-flash'] as const) {
      const e = estimate(model, { duration: 5 }, clips);
      expect(e).toMatchObject({ inputSeconds: input, billedSeconds: input + 5, failedTasksBilled: false, usd: undefined, basis: 'none' });
    }
  });

  it('wan3.0: reference clips count, prices only when configured', () => {
    const e = estimate('wan3.0-reference-video', { duration: 20 }, [10]);
    expect(e).toMatchObject({ billedSeconds: 30, usd: undefined, basis: 'none', failedTasksBilled: false });
    const prices = { 'wan3.0-reference-video': { '720p': 0.1 } };
    expect(estimate('wan3.0-reference-video', { duration: 20 }, [10], { provider: 'evolink', prices })).toMatchObject({
      usd: 3,
      basis: 'configured',
    });
  });

  it('wan3.0 smart duration (-1) is held at the 30 s cap', () => {
    const e = estimate('wan3.0-text-to-video', { duration: -1 });
    expect(e.billedSeconds).toBe(30);
    expect(e.notes.join(' ')).toMatch(/30 s cap/);
  });

  it('an unknown clip length makes the estimate inexact, bounded by the documented limits', () => {
    const e = estimate('wan2.7-reference-video', { duration: 5 }, [4, undefined]);
    expect(e).toMatchObject({ exact: false, unknownInputs: ['video_urls[1]'], billedSeconds: 9, maxBilledSeconds: 39 });
    expect(e.maxUsd).toBe(3.354);
    expect(estimate('wan2.7-video-edit', { duration: 0 }, [undefined])).toMatchObject({ exact: false, maxBilledSeconds: 20 });
    expect(estimate('wan3.0-reference-video', { duration: 5 }, [undefined, undefined])).toMatchObject({ maxBilledSeconds: 20 });
  });

  it('wan2.6 duration default is undocumented: 5 s assumed, and said so', () => {
    const e = estimate('wan2.6-text-to-video', {});
    expect(e.billedSeconds).toBe(5);
    expect(e.notes.join(' ')).toMatch(/documents no default/);
  });

  it('configured prices win, and sound on/off prices apply to generate_audio', () => {
    const prices = {
      'wan2.6-image-to-video-flash': { '720p': { withAudio: 0.1, silent: 0.05 } },
      'wan2.7-text-to-video': { '720p': 0.05 },
    };
    const pricing: PricingOptions = { provider: 'evolink', prices };
    expect(estimate('wan2.6-image-to-video-flash', { duration: 10 }, [], pricing).usd).toBe(1);
    expect(estimate('wan2.6-image-to-video-flash', { duration: 10, generate_audio: false }, [], pricing).usd).toBe(0.5);
    expect(estimate('wan2.7-text-to-video', { duration: 10 }, [], pricing)).toMatchObject({ usd: 0.5, basis: 'configured' });
    expect(estimate('wan2.7-text-to-video', { duration: 10, quality: '1080p' }, [], pricing)).toMatchObject({
      usd: 1.44,
      basis: 'evolink',
    });
  });

  it('the built-in table is EvoLink’s: novita gets no price unless configured', () => {
    expect(estimate('wan2.7-text-to-video', { duration: 10 }, [], { provider: 'novita' })).toMatchObject({ usd: undefined, basis: 'none' });
  });
});
