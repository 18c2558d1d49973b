import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { novita } from '../../src/providers/novita/index.js';
import { NOVITA_MODEL_IDS, NOVITA_ROUTES, type NovitaModelId } from '../../src/providers/novita/routes.js';
import { NOVITA_WIRE_SCHEMAS } from '../../src/testing/novita-wire.js';
import { VALID_CASES } from '../models/valid-cases.js';

// Whatever the SDK accepts for novita maps to a body novita's documented schema accepts (the fake's, written
// independently); anything else is a ValidationError, and the caller's object is never touched.

const RUNS = Number(process.env.FUZZ_RUNS ?? 800);
const [a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6].map((n) => `https://example.com/image${n}.png`);
const [v1, v2, v3, v4] = [1, 2, 3, 4].map((n) => `https://example.com/clip${n}.mp4`);
const [au1, au2, au3] = [1, 2, 3].map((n) => `https://example.com/voice${n}.mp3`);

/** Per field, the values around every rule's edges (valid and not). */
const EDGES: Record<string, unknown[]> = {
  prompt: [undefined, '', 'x', 'x'.repeat(1500), 'x'.repeat(1501), 'x'.repeat(5001), 5],
  negative_prompt: [undefined, 'blur', 'x'.repeat(501)],
  image_start: [undefined, a, 'not a url'],
  image_end: [undefined, b],
  video_urls: [undefined, [], [v1], [v1, v2], [v1, v2, v3], [v1, v2, v3, v4]],
  audio_urls: [undefined, [au1], [au1, au2], [au1, au2, au3]],
  image_urls: [undefined, [], [a], [a, b, c], [a, b, c, d], [a, b, c, d, e], [a, b, c, d, e, f]],
  model_params: [
    undefined,
    { voice_bindings: { image1: au1 } },
    { voice_bindings: { video1: au2, image2: au3 } },
    { voice_bindings: { image9: au1 } },
  ],
  quality: [undefined, '720p', '1080p', '480p'],
  aspect_ratio: [undefined, '16:9', '4:3', '3:4', 'adaptive'],
  duration: [undefined, 0, 1, 2, 5, 10, 11, 15, 16, 1.5],
  seed: [undefined, 0, 1, -1, 2147483647, 2147483648, 1.5],
  prompt_extend: [undefined, true, false],
  watermark: [undefined, true, false, 'yes'],
  generation_mode: [undefined, 'first_frame', 'first_last_frame', 'video_continuation'],
  keep_original_sound: [undefined, true, false],
  callback_url: [undefined, 'https://example.com/hook'],
};

function inputs(model: NovitaModelId): fc.Arbitrary<Record<string, unknown>> {
  const bases = VALID_CASES.filter((c) => c.params.model === model).map((c) => c.params as Record<string, unknown>);
  const change = fc
    .constantFrom(...Object.keys(EDGES))
    .chain((field) => fc.constantFrom(...EDGES[field]!).map((value) => [field, value] as const));
  return fc.tuple(fc.constantFrom(...bases), fc.array(change, { maxLength: 3 })).map(([base, changes]) => {
    const params: Record<string, unknown> = { ...base, callback_url: undefined };
    for (const [field, value] of changes) params[field] = value;
    return params;
  });
}

/** Every media URL in a value, at any depth. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('https://example.com/') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(urlsIn) : [];
}

describe.each(NOVITA_MODEL_IDS)('novita %s: fuzzing', (model) => {
  it(`accepted parameters map to a body novita documents, dropping nothing (${RUNS} runs)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(inputs(model), (params) => {
        const snapshot = structuredClone(params);
        try {
          const { body, path } = novita.createTask(params, {});
          accepted++;
          expect(path).toBe(NOVITA_ROUTES[model]);
          expect(NOVITA_WIRE_SCHEMAS[path]!.safeParse(body).error?.issues ?? []).toEqual([]);
          // Nothing given is silently dropped: every media URL of the parameters is in the body.
          expect(new Set(urlsIn(body))).toEqual(new Set(urlsIn(params)));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
        expect(params).toEqual(snapshot);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS * 0.1);
  });
});
