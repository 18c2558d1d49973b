import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL_IDS, ValidationError, WanClient, type ModelId } from '../../src/index.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';
import { VALID_CASES } from './valid-cases.js';
import { vendorErrors } from '../support/vendor.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values that break naive code. */
const nasty = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53, -(2 ** 53), 2 ** 31, 1e308, 5e-324),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '💥'.repeat(3000),
    'x'.repeat(100_000),
    'https://',
    'javascript:alert(1)',
    'https://127.0.0.1/x',
    'data:,x',
  ),
  fc.constantFrom(null, undefined, true, false, [], {}, [[]], { toString: 1 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer(),
  fc.double(),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { maxDepth: 3 },
  nasty,
  fc.array(nasty, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...DANGEROUS_KEYS, 'a', 'b'), nasty, { maxKeys: 3 }),
);

/** Sets a key as an own data property, even `__proto__` (as JSON.parse would). */
function withOwn(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function fieldsOf(model: ModelId): string[] {
  return [...new Set(VALID_CASES.filter((c) => c.params.model === model).flatMap((c) => Object.keys(c.params)))];
}

/** A valid case of the model, possibly with one field replaced by junk (a near miss) or an extra key added. */
function inputs(model: ModelId): fc.Arbitrary<Record<string, unknown>> {
  const bases = VALID_CASES.filter((c) => c.params.model === model).map((c) => c.params as Record<string, unknown>);
  const base = fc.constantFrom(...bases);
  const nearMiss = fc
    .tuple(base, fc.constantFrom(...fieldsOf(model).filter((f) => f !== 'model')), junkValue)
    .map(([b, key, value]) => withOwn(b, key, value));
  const extraKey = fc
    .tuple(
      base,
      fc.oneof(fc.constantFrom(...DANGEROUS_KEYS, 'imageStart', 'seed', 'shot_type', 'extra'), fc.string({ maxLength: 12 })),
      junkValue,
    )
    .map(([b, key, value]) => withOwn(b, key, value));
  const junk = fc
    .dictionary(fc.oneof(fc.constantFrom(...fieldsOf(model), ...DANGEROUS_KEYS), fc.string({ maxLength: 10 })), junkValue, { maxKeys: 8 })
    .map((o) => ({ ...o, model }));
  return fc.oneof(
    base.map((b) => ({ ...b })),
    nearMiss,
    extraKey,
    junk,
  );
}

function hasForbiddenKey(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  if (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value)) return true;
  return Object.keys(value).some(
    (k) => ['__proto__', 'constructor', 'prototype'].includes(k) || hasForbiddenKey((value as Record<string, unknown>)[k], seen),
  );
}

/** Only strings, booleans, finite numbers, null, arrays and plain objects, with no undefined values. */
function isPlainJson(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object') return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlainJson);
  return false;
}

describe.each(MODEL_IDS)('%s: fuzzing', (model) => {
  it(`never throws anything but ValidationError, never mutates, never lets junk through (${RUNS} runs)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(inputs(model), (params) => {
        const snapshot = structuredClone(params);
        let body: Record<string, unknown> | undefined;
        try {
          body = buildGenerationRequest(params).body;
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
        expect(params).toEqual(snapshot);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        if (body) {
          accepted++;
          expect(vendorErrors(model, body)).toEqual([]);
          expect(hasForbiddenKey(body)).toBe(false);
          expect(isPlainJson(body)).toBe(true); // no NaN, Infinity or undefined smuggled in
        }
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS * 0.1); // the generator does produce valid inputs
  });
});

describe('fuzzing through the client (what is actually sent)', () => {
  it('either sends nothing (ValidationError) or sends a body valid for the vendor schema', async () => {
    const sent: { model: ModelId; body: unknown }[] = [];
    const client = new WanClient({
      apiKey: 'sk-fuzz-0123456789',
      maxRetries: 0,
      fetch: async (_url, init) => {
        const body = JSON.parse(String(init?.body));
        sent.push({ model: body.model, body });
        return new Response(JSON.stringify({ id: 'task-unified-1-fuzz', status: 'pending' }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODEL_IDS).chain((m) => inputs(m)),
        async (params) => {
          const before = sent.length;
          const outcome = await client.generate(params as never).then(
            () => 'sent',
            (e: unknown) => e,
          );
          if (outcome === 'sent') {
            expect(sent.length).toBe(before + 1);
            const last = sent.at(-1)!;
            expect(vendorErrors(last.model, last.body)).toEqual([]);
          } else {
            expect(outcome).toBeInstanceOf(ValidationError);
            expect(sent.length).toBe(before);
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('a hostile response cannot pollute prototypes', async () => {
    const client = new WanClient({
      apiKey: 'sk-fuzz-0123456789',
      fetch: async () =>
        new Response(
          '{"id":"task-unified-1-x","status":"pending","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"task_info":{"__proto__":{"polluted":true}}}',
          {
            headers: { 'content-type': 'application/json' },
          },
        ),
    });
    const task = await client.imageToVideo({ image_start: 'https://example.com/a.jpg' });
    const merged = Object.assign({}, task, task.task_info);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((merged as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(task)).not.toContain('__proto__');
    expect(Object.keys(task)).not.toContain('constructor');
  });
});
