import { describe, expect, it } from 'vitest';
import { MEDIA_FIELDS, MODEL_IDS } from '../../src/index.js';
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
