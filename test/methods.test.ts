import { describe, expect, it } from 'vitest';
import { MODEL_IDS, MODELS, modelJsonSchema, ValidationError, type ModelId, type WanClient } from '../src/index.js';
import { VALID_CASES } from './models/valid-cases.js';
import { setup } from './support/fake.js';

const METHOD_OF_KIND = {
  'text-to-video': 'textToVideo',
  'image-to-video': 'imageToVideo',
  'reference-video': 'referenceToVideo',
  'video-edit': 'editVideo',
} as const;

function methodFor(client: WanClient, model: ModelId) {
  const name = METHOD_OF_KIND[MODELS[model].kind];
  return (params: Record<string, unknown>) => (client[name] as (p: Record<string, unknown>) => ReturnType<WanClient['generate']>)(params);
}

describe('every model through its method and through generate()', () => {
  it.each(VALID_CASES.map((c) => [`${c.params.model}: ${c.name}`, c.params] as const))('%s', async (_name, params) => {
    const { server, client } = await setup();
    const viaMethod = await methodFor(client, params.model)(params).waitForResult({ pollInterval: 1 });
    const viaGenerate = await client.generate(params).waitForResult({ pollInterval: 1 });
    expect(viaMethod.status).toBe('completed');
    expect(viaGenerate.status).toBe('completed');
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.body).toEqual(posts[1]?.body);
    expect(posts[0]?.body).toMatchObject({ model: params.model });
  });
});

describe('method defaults and boundaries', () => {
  it.each([
    ['textToVideo', { prompt: 'A cat' }, 'wan2.7-text-to-video'],
    ['imageToVideo', { image_start: 'https://example.com/a.jpg' }, 'wan2.7-image-to-video'],
    ['referenceToVideo', { prompt: 'Image 1 waves', image_urls: ['https://example.com/a.jpg'] }, 'wan2.7-reference-video'],
    ['editVideo', { video_urls: ['https://example.com/a.mp4'] }, 'wan2.7-video-edit'],
  ] as const)('%s defaults to %s', async (method, params, model) => {
    const { server, client } = await setup();
    await (client[method] as (p: object) => PromiseLike<unknown>)(params);
    expect(server.requests[0]?.body).toMatchObject({ model });
  });

  it('a method refuses models of another kind, naming the ones it serves', async () => {
    const { server, client } = await setup();
    const error = await client
      .textToVideo({ model: 'wan2.6-image-to-video', prompt: 'x', image_urls: ['https://e.com/a.png'] } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('wan2.7-text-to-video, wan2.6-text-to-video');
    expect(server.requests).toHaveLength(0);
  });

  it('generate() requires a known model', async () => {
    const { client } = await setup();
    await expect(client.generate({ prompt: 'x' } as never)).rejects.toThrow(/model is required/);
    await expect(client.generate({ model: 'wan2.5-text-to-video', prompt: 'x' } as never)).rejects.toThrow(/not supported/);
  });
});

describe('JSON Schema per model', () => {
  it.each(MODEL_IDS)('%s: a draft 2020-12 schema with no unknown fields', (model) => {
    const schema = modelJsonSchema(model);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect((schema.properties as Record<string, unknown>).model).toEqual({ type: 'string', const: model });
  });

  it('returns a copy the caller may change', () => {
    const a = modelJsonSchema('wan2.7-text-to-video');
    (a.properties as Record<string, unknown>).model = 'changed';
    expect((modelJsonSchema('wan2.7-text-to-video').properties as Record<string, unknown>).model).not.toBe('changed');
  });
});
