import { describe, expect, it } from 'vitest';
import { fileFrom, MEDIA_FIELDS, MODEL_IDS } from '../../src/index.js';
import { mayHoldMediaObjects } from '../../src/media/fields.js';
import { type JsonSchema, vendorRequestSchema } from '../support/vendor.js';

/** Every `format: uri` field of a vendor request schema, as a MEDIA_FIELDS pattern, except non-media links. */
function uriFields(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    if (name === 'callback_url' || name === 'link_url') continue;
    if (prop.format === 'uri') out.push(path);
    else if (prop.type === 'array' && prop.items?.format === 'uri') out.push(`${path}[]`);
    else if (prop.type === 'object' && (prop.additionalProperties as JsonSchema | undefined)?.format === 'uri') out.push(`${path}.*`);
    else if (prop.type === 'object') out.push(...uriFields(prop, `${path}.`));
  }
  return out.sort();
}

describe('MEDIA_FIELDS', () => {
  it.each(MODEL_IDS)('%s: covers exactly the media links of the vendor schema', (model) => {
    expect(Object.keys(MEDIA_FIELDS[model]).sort()).toEqual(uriFields(vendorRequestSchema(model)));
  });
});

describe('mayHoldMediaObjects', () => {
  it('is false for parameters of plain values only: the create skips the media scan', () => {
    const params = { prompt: 'p', image_start: 'https://example.com/a.jpg', video_urls: ['https://example.com/c.mp4'], seed: 3 };
    expect(mayHoldMediaObjects(params)).toBe(false);
    expect(mayHoldMediaObjects({ model_params: { voice_bindings: { a: 'https://example.com/v.mp3' } }, x: null })).toBe(false);
  });

  it('is true for local media or a URL object at any depth, and past the depth it searches', () => {
    for (const media of [fileFrom('/a.jpg'), new URL('https://example.com/a.jpg'), new Uint8Array(1), new ArrayBuffer(1), new Blob([])]) {
      expect(mayHoldMediaObjects({ image_start: media })).toBe(true);
      expect(mayHoldMediaObjects({ image_urls: ['https://example.com/a.jpg', media] })).toBe(true);
      expect(mayHoldMediaObjects({ model_params: { voice_bindings: { a: media } } })).toBe(true);
    }
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++) deep = { next: deep };
    expect(mayHoldMediaObjects(deep)).toBe(true);
  });
});
