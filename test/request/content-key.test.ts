import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { fileFrom } from '../../src/media/local-file.js';
import { canonicalJson, contentKey } from '../../src/request/content-key.js';

const KEY = /^[A-Za-z0-9._-]{16,96}$/;
const dir = mkdtempSync(join(tmpdir(), 'content-key-'));
const clip = (name: string, bytes: string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('contentKey', () => {
  const base = { model: 'wan2.7-text-to-video', prompt: 'A cat playing piano', aspect_ratio: '16:9' };

  it('is stable, valid for EvoLink, and pinned (a change of canonical form would change every stored key)', async () => {
    const key = await contentKey(base);
    expect(key).toMatch(KEY);
    expect(await contentKey(base)).toBe(key);
    expect(key).toBe(await contentKey({ ...base }));
    // The canonical form, written out: the request with its documented defaults, keys sorted, and the scope.
    const canonical =
      '{"request":{"aspect_ratio":"16:9","duration":5,"model":"wan2.7-text-to-video","prompt":"A cat playing piano","quality":"720p"},"scope":null}';
    expect(key).toBe(`wan-ck-${createHash('sha256').update(canonical).digest('hex')}`);
  });

  it('ignores key order and applies documented defaults', async () => {
    const key = await contentKey(base);
    expect(await contentKey({ aspect_ratio: '16:9', prompt: 'A cat playing piano', model: 'wan2.7-text-to-video' })).toBe(key);
    expect(await contentKey({ ...base, duration: 5, quality: '720p' })).toBe(key);
    expect(await contentKey({ ...base, duration: 6 })).not.toBe(key);
    expect(await contentKey({ ...base, quality: '1080p' })).not.toBe(key);
    const { model: _, ...withoutModel } = base;
    expect(await contentKey(withoutModel, { model: 'wan2.7-text-to-video' })).toBe(key);
  });

  it('distinguishes prompts, models and scopes', async () => {
    const keys = await Promise.all([
      contentKey(base),
      contentKey({ ...base, prompt: 'A cat playing piano.' }),
      contentKey({ ...base, model: 'wan2.6-text-to-video' }),
      contentKey(base, { scope: 'user-1' }),
      contentKey(base, { scope: 'user-2' }),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('counts local media by its bytes, not its path or kind', async () => {
    const params = (video: unknown) => ({ model: 'wan2.7-video-edit', prompt: 'Make it claymation', video_urls: [video] });
    const a = clip('a.mp4', 'same bytes');
    const b = clip('b.mp4', 'same bytes');
    const c = clip('c.mp4', 'other bytes');
    const key = await contentKey(params(fileFrom(a)));
    expect(await contentKey(params(fileFrom(b)))).toBe(key);
    expect(await contentKey(params(new Blob(['same bytes'])))).toBe(key);
    expect(await contentKey(params(new TextEncoder().encode('same bytes')))).toBe(key);
    expect(await contentKey(params(fileFrom(c)))).not.toBe(key);
    expect(await contentKey(params('https://cdn.example.com/a.mp4'))).not.toBe(key);
    expect(await contentKey(params(new URL('https://cdn.example.com/a.mp4')))).toBe(
      await contentKey(params('https://cdn.example.com/a.mp4')),
    );
  });

  it('refuses invalid parameters with the ValidationError a create throws', async () => {
    await expect(contentKey({ ...base, duration: 99 })).rejects.toBeInstanceOf(ValidationError);
    await expect(contentKey({ prompt: 'no model' })).rejects.toThrow(/model is required/);
    await expect(contentKey({ ...base, promt: 'typo' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});
