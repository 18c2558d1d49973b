import { string, ZodMiniType } from 'zod/mini';
import { globalConfig } from 'zod/v4/core';
import { describe, expect, it } from 'vitest';
// Nothing above builds a zod schema; zod registers its default locale with the first one ever built.
const builtBeforeImport = globalConfig.localeError !== undefined;
const sdk = await import('../../src/index.js');
const builtByImport = globalConfig.localeError !== undefined;
const { once } = await import('../../src/models/lazy.js');

describe('schemas built on first use', () => {
  it('importing the SDK builds no zod schema', () => {
    expect(builtBeforeImport).toBe(false);
    expect(builtByImport).toBe(false);
  });

  it("a model's schema is built on its first read, then is a plain, fixed property", () => {
    const model = sdk.MODELS['wan2.7-image-to-video'];
    expect(typeof Object.getOwnPropertyDescriptor(model, 'schema')?.get).toBe('function');
    const schema = model.schema;
    expect(globalConfig.localeError).toBeDefined();
    expect(schema).toBeInstanceOf(ZodMiniType);
    expect(model.schema).toBe(schema);
    expect(Object.getOwnPropertyDescriptor(model, 'schema')).toMatchObject({ value: schema, writable: false, enumerable: true });
    expect(schema.safeParse({ model: 'wan2.7-image-to-video', image_start: 'https://example.com/a.jpg' }).success).toBe(true);
    const bad = sdk.MODELS['wan3.0-text-to-video'].schema.safeParse({ model: 'wan3.0-text-to-video', prompt: '', duration: 1 });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['prompt', 'duration']);
  });

  it('the registry lists the schema with the other fields (spread, JSON of the keys)', () => {
    expect(Object.keys(sdk.MODELS['wan2.6-text-to-video'])).toEqual(['id', 'family', 'kind', 'schema']);
  });

  it('once() builds a shared fragment on the first call only', () => {
    let builds = 0;
    const fragment = once(() => {
      builds++;
      return string();
    });
    expect(builds).toBe(0);
    expect(fragment()).toBe(fragment());
    expect(builds).toBe(1);
  });
});
