import { inspect } from 'node:util';
import * as z from 'zod';
import { globalConfig } from 'zod/v4/core';
import { describe, expect, it } from 'vitest';
// Nothing above builds a zod schema; zod registers its default locale with the first one ever built.
const builtBeforeImport = globalConfig.localeError !== undefined;
const sdk = await import('../../src/index.js');
const builtByImport = globalConfig.localeError !== undefined;
const { lazySchema, once } = await import('../../src/models/lazy.js');

describe('schemas built on first use', () => {
  it('importing the SDK builds no zod schema', () => {
    expect(builtBeforeImport).toBe(false);
    expect(builtByImport).toBe(false);
  });

  it('the exported schemas and the registry validate as before, on first use', () => {
    const ok = sdk.Wan27ImageToVideoSchema.safeParse({ model: 'wan2.7-image-to-video', image_start: 'https://example.com/a.jpg' });
    expect(ok.success).toBe(true);
    expect(globalConfig.localeError).toBeDefined();
    expect(sdk.MODELS['wan2.7-image-to-video'].schema).toBe(sdk.Wan27ImageToVideoSchema);
    const bad = sdk.MODELS['wan3.0-text-to-video'].schema.safeParse({ model: 'wan3.0-text-to-video', prompt: '', duration: 1 });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['prompt', 'duration']);
  });
});

describe('lazySchema', () => {
  const eager = () => z.strictObject({ name: z.string().min(1), size: z.number().int().optional() });

  it('builds once, at the first operation', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return eager();
    });
    expect(builds).toBe(0);
    expect(schema.parse({ name: 'a' })).toEqual({ name: 'a' });
    schema.safeParse({ name: '' });
    expect(builds).toBe(1);
  });

  it('is indistinguishable from the schema it builds', () => {
    const schema = lazySchema(eager);
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(schema.shape)).toEqual(['name', 'size']);
    expect(z.toJSONSchema(schema)).toEqual(z.toJSONSchema(eager()));
    expect(schema.extend({ extra: z.boolean() }).parse({ name: 'a', extra: true })).toEqual({ name: 'a', extra: true });
    expect(schema.safeParse({ name: 'a', other: 1 }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(schema.optional().parse(undefined)).toBeUndefined();
  });

  it('shows the schema, not an empty stand-in, when inspected before first use', () => {
    expect(inspect(lazySchema(eager), { depth: 0 })).toBe(inspect(eager(), { depth: 0 }));
  });

  it('once() builds a shared fragment on the first call only', () => {
    let builds = 0;
    const fragment = once(() => {
      builds++;
      return z.string();
    });
    expect(builds).toBe(0);
    expect(fragment()).toBe(fragment());
    expect(builds).toBe(1);
  });
});
