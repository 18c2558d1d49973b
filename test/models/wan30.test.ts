import { describe, expect, it } from 'vitest';
import { BadRequestError, MODEL_IDS, MODELS, SMART_DURATION, type GenerateParams } from '../../src/index.js';
import { modelsOfKind } from '../../src/models/registry.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';
import { setup } from '../support/fake.js';
import { VALID_CASES } from './valid-cases.js';

describe('wan3.0 in the registry', () => {
  it('reads every model’s family from its id', () => {
    for (const id of MODEL_IDS) expect(MODELS[id].family).toBe(id.slice(0, id.indexOf('-')));
    expect(MODELS['wan3.0-reference-video'].family).toBe('wan3.0');
  });

  it.each(['text-to-video', 'image-to-video', 'reference-video'] as const)('%s: wan3.0 comes last, so the default stays wan2.7', (kind) => {
    const ids = modelsOfKind(kind);
    expect(ids[0]).toBe(`wan2.7-${kind}`);
    expect(ids.at(-1)).toBe(`wan3.0-${kind}`);
  });
});

const WAN30 = VALID_CASES.filter((c) => c.params.model.startsWith('wan3.0-'));

describe('wan3.0 bodies', () => {
  it.each(WAN30.map((c) => [`${c.params.model}: ${c.name}`, c.params] as const))(
    '%s is sent exactly as given (no mapping, no defaults)',
    (_name, params) => {
      expect(buildGenerationRequest(params).body).toEqual(params);
    },
  );

  it('sends smart duration as the docs spell it: "duration": -1', () => {
    const { body } = buildGenerationRequest({ model: 'wan3.0-text-to-video', prompt: 'An ad', duration: SMART_DURATION });
    expect(body.duration).toBe(-1);
    expect(JSON.stringify(body)).toContain('"duration":-1');
  });
});

describe('the fake server validates wan3.0 bodies with the same rules', () => {
  const params: GenerateParams = { model: 'wan3.0-reference-video', prompt: 'Image 1 waves', image_urls: ['https://example.com/a.png'] };

  it.each([
    ['a duration out of range', { duration: 31 }, /2 to 30/],
    [
      'file_url together with link_url',
      { model_params: { file_url: 'https://example.com/a.pdf', link_url: 'https://example.com/' } },
      /not both/,
    ],
  ])('rejects %s smuggled past the SDK in extraBody', async (_name, extraBody, message) => {
    const { client } = await setup({}, { maxRetries: 0 });
    const error = await client.generate(params, { extraBody }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts smart duration', async () => {
    const { server, client } = await setup();
    await client.generate(params, { extraBody: { duration: -1 } });
    expect(server.requests[0]?.body).toMatchObject({ duration: -1 });
  });
});
