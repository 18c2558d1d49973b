import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL_IDS, type ModelId } from '../../src/index.js';
import { parseValid } from '../../src/models/define-model.js';
import { getModel } from '../../src/models/registry.js';
import { VALID_CASES } from './valid-cases.js';

const model = (id: ModelId) => getModel(id)!;
const casesOf = (id: ModelId) => VALID_CASES.filter((c) => c.params.model === id).map((c) => c.params as Record<string, unknown>);

/** Values that pass some field checks and fail others: URLs, materials, numbers at the edges, wrong types. */
const tricky = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' https://example.com/a.png ',
  'https://example.com/a\n.png',
  'http:example.com/a.png',
  'ftp://example.com/a.png',
  'https://192.168.0.10/hook',
  ['https://example.com/a.mp4'],
  ['https://example.com/a.mp4', 'https://example.com/b.mp4'],
  [],
  0,
  1,
  2,
  5,
  15,
  5.5,
  2147483648,
  'first_frame',
  'first_last_frame',
  'video_continuation',
  '720p',
  true,
  { shot_type: 'multi' },
  { shot_type: 'single', extra: 1 },
);

describe('parseValid', () => {
  it.each(MODEL_IDS)('%s: gives what the schema gives for every valid case, in the same key order', (id) => {
    for (const params of casesOf(id)) {
      const expected = model(id).schema.parse(params);
      const fast = parseValid(model(id), { ...params });
      expect(JSON.stringify(fast)).toBe(JSON.stringify(expected));
      expect(fast).toEqual(expected);
    }
  });

  it('is undefined when a field check or a prose rule fails', () => {
    const i2v = model('wan2.7-image-to-video');
    const ok = { model: 'wan2.7-image-to-video', image_start: 'https://example.com/a.png' };
    expect(parseValid(i2v, ok)).toBeDefined();
    expect(parseValid(i2v, { ...ok, image_start: './cat.jpg' })).toBeUndefined();
    expect(parseValid(i2v, { ...ok, colour: 'red' })).toBeUndefined();
    // Fields all valid, the mode table broken: only the rules see it.
    expect(parseValid(i2v, { ...ok, generation_mode: 'first_frame', video_urls: ['https://example.com/c.mp4'] })).toBeUndefined();
    expect(parseValid(i2v, { model: 'wan2.7-image-to-video', image_end: 'https://example.com/b.png' })).toBeUndefined();
  });

  it.each(MODEL_IDS)('%s: agrees with the schema on near misses of its valid cases', (id) => {
    const fields = [...new Set(casesOf(id).flatMap(Object.keys))].filter((k) => k !== 'model');
    const names = [...fields, 'image_start', 'image_end', 'video_urls', 'audio_urls', 'generation_mode', 'duration', 'model_params'];
    const input = fc
      .tuple(fc.constantFrom(...casesOf(id)), fc.array(fc.tuple(fc.constantFrom(...names), tricky), { maxLength: 3 }))
      .map(([base, changes]) => Object.assign({ ...base }, Object.fromEntries(changes)));
    fc.assert(
      fc.property(input, (params) => {
        const expected = model(id).schema.safeParse(params);
        const fast = parseValid(model(id), { ...params });
        if (expected.success) expect(JSON.stringify(fast)).toBe(JSON.stringify(expected.data));
        else expect(fast).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
