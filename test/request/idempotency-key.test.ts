import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { idempotencyKeyFor } from '../../src/request/idempotency-key.js';

const V4 = /^evolink-wan-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotencyKeyFor', () => {
  it('makes a fresh evolink-wan- + version 4 UUID key per call, across many draws of random bytes', () => {
    const keys = Array.from({ length: 1000 }, () => idempotencyKeyFor(undefined));
    for (const key of keys) expect(key).toMatch(V4);
    expect(new Set(keys).size).toBe(keys.length);
    // Every hex digit position varies (the random bytes are not reused or left unset).
    const digits = keys.map((key) => key.slice('evolink-wan-'.length).replaceAll('-', ''));
    const varying = [...digits[0]!].map((_, i) => new Set(digits.map((d) => d[i])).size > 1);
    expect(varying.filter((v) => !v)).toHaveLength(1); // only the version digit is fixed
  });

  it('keeps a caller’s key that fits EvoLink’s format, refuses one that does not', () => {
    expect(idempotencyKeyFor('order-1234-video-0001')).toBe('order-1234-video-0001');
    expect(() => idempotencyKeyFor('short')).toThrow(ValidationError);
    expect(() => idempotencyKeyFor(42)).toThrow(ValidationError);
  });
});
