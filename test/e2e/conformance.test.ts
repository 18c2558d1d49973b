import { describe, expect, it } from 'vitest';
import { MODEL_IDS, modelJsonSchema, type ModelId } from '../../src/index.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';
import { VALID_CASES } from '../models/valid-cases.js';
import { vendorErrors, vendorExamples, vendorRequestSchema, type JsonSchema } from '../support/vendor.js';

// `anyOf` too: a field the SDK models as a union (wan3.0 duration) must be listed below, like any other difference.
const KEYWORDS = ['enum', 'minimum', 'maximum', 'maxLength', 'maxItems', 'minItems', 'anyOf'] as const;

/**
 * Where the SDK is stricter than the OpenAPI file because the docs' prose says so: [model pattern, field, keyword,
 * reason]. Everything else must match the vendor's schema keyword for keyword.
 */
const PROSE_TIGHTENINGS: [RegExp, string, string, string][] = [
  [/^wan2\.6-/, 'quality', 'enum', 'wan2.6 page text: 720p or 1080p (schema: plain string)'],
  [/^wan2\.6-/, 'aspect_ratio', 'enum', 'wan2.6 page text: 16:9, 9:16, 1:1, 4:3, 3:4 (schema: plain string)'],
  [/./, 'prompt', 'minLength', 'a required prompt must not be empty'],
  [/./, 'callback_url', 'maxLength', 'callback_url text: "URL length must not exceed 2048 characters"'],
  [/^wan2\.6-image-to-video/, 'image_urls', 'minItems', '"exactly 1 image" (a required field)'],
  [/^wan2\.6-reference-video/, 'video_urls', 'minItems', '"1–3 reference videos"'],
  [/^wan2\.7-image-to-video$/, 'video_urls', 'minItems', 'video_urls: "Only 1 element is supported"'],
  [/^wan2\.7-image-to-video$/, 'video_urls', 'maxItems', 'video_urls: "Only 1 element is supported"'],
  [/^wan3\.0-/, 'prompt', 'maxLength', 'prompt: "maximum length 20000 characters" (the server truncates silently; the SDK refuses)'],
  [/^wan3\.0-/, 'duration', 'anyOf', 'duration: "Any integer between 2 and 30" or "-1: smart duration" (schema: plain integer)'],
];

function tightened(model: string, field: string, keyword: string): boolean {
  return PROSE_TIGHTENINGS.some(([m, f, k]) => m.test(model) && f === field && k === keyword);
}

function enumOf(node: JsonSchema | undefined): unknown {
  if (!node) return undefined;
  if (node.const !== undefined) return [node.const];
  return node.enum;
}

function compareNode(model: ModelId, path: string, vendor: JsonSchema, ours: JsonSchema): string[] {
  const problems: string[] = [];
  for (const keyword of KEYWORDS) {
    const v = keyword === 'enum' ? enumOf(vendor) : vendor[keyword];
    const o = keyword === 'enum' ? enumOf(ours) : ours[keyword];
    if (JSON.stringify(v) === JSON.stringify(o)) continue;
    if (tightened(model, path, keyword)) continue;
    problems.push(`${model} ${path}.${keyword}: vendor ${JSON.stringify(v)}, ours ${JSON.stringify(o)}`);
  }
  if (vendor.items || ours.items) problems.push(...compareNode(model, `${path}[]`, vendor.items ?? {}, ours.items ?? {}));
  if (vendor.properties) {
    const vKeys = Object.keys(vendor.properties).sort();
    const oKeys = Object.keys(ours.properties ?? {}).sort();
    if (JSON.stringify(vKeys) !== JSON.stringify(oKeys)) problems.push(`${model} ${path} properties: vendor ${vKeys}, ours ${oKeys}`);
    for (const key of vKeys) {
      if (ours.properties?.[key])
        problems.push(...compareNode(model, path ? `${path}.${key}` : key, vendor.properties[key]!, ours.properties[key]!));
    }
  }
  return problems;
}

describe.each(MODEL_IDS)('%s conforms to the vendor OpenAPI file', (model) => {
  const vendor = vendorRequestSchema(model);
  const ours = modelJsonSchema(model) as JsonSchema;

  it('has exactly the spec’s properties and required list', () => {
    expect(Object.keys(ours.properties ?? {}).sort()).toEqual(Object.keys(vendor.properties ?? {}).sort());
    expect([...(ours.required ?? [])].sort()).toEqual([...(vendor.required ?? [])].sort());
    expect(ours.additionalProperties).toBe(false);
  });

  it('has the same enums, minimum/maximum, maxLength and maxItems (or a documented prose tightening)', () => {
    expect(compareNode(model, '', vendor, ours)).toEqual([]);
  });

  it('accepts every documented example that is valid against the vendor schema', () => {
    const examples = vendorExamples(model);
    expect(examples.length).toBeGreaterThan(0);
    for (const [name, example] of examples) {
      if (vendorErrors(model, example).length > 0) {
        // The vendor contradicts itself: wan2.6 image-to-video(-flash)'s only example lacks the required image_urls.
        // We follow the schema, so the example must be rejected for exactly that reason.
        expect(model).toMatch(/^wan2\.6-image-to-video/);
        expect(() => buildGenerationRequest(example)).toThrow(/image_urls/);
        continue;
      }
      expect(() => buildGenerationRequest(example), `${model} example ${name}`).not.toThrow();
    }
  });

  it('every body the builder emits for the valid cases validates against the vendor schema (ajv)', () => {
    const cases = VALID_CASES.filter((c) => c.params.model === model);
    expect(cases.length).toBeGreaterThan(0);
    for (const { name, params } of cases) {
      const { body } = buildGenerationRequest(params);
      expect(vendorErrors(model, body), `${model}: ${name}`).toEqual([]);
    }
  });
});

describe('the vendor files themselves', () => {
  it('cover exactly the twelve models the SDK supports', () => {
    expect(MODEL_IDS).toHaveLength(12);
    for (const model of MODEL_IDS) expect(vendorRequestSchema(model).properties?.model?.enum).toEqual([model]);
  });
});
