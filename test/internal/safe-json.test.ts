import { describe, expect, it } from 'vitest';
import { safeJsonParse } from '../../src/internal/safe-json.js';
import { redact } from '../../src/internal/redact.js';

describe('safeJsonParse', () => {
  it('parses ordinary answers as JSON.parse does', () => {
    const text = '{"id":"task-1","status":"processing","progress":42,"task_info":{"can_cancel":true},"results":["https://x/v.mp4"]}';
    expect(safeJsonParse(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ['__proto__', '{"a":{"__proto__":{"polluted":true}},"b":1}'],
    ['constructor', '{"a":[{"constructor":{"prototype":{"polluted":true}}}],"b":1}'],
    ['prototype', '{"prototype":{"polluted":true},"b":1}'],
    ['__proto__ spelled with \\u escapes', '{"a":{"\\u005f_proto__":{"polluted":true}},"b":1}'],
    ['constructor spelled with \\u escapes', '{"\\u0063onstructor":{"polluted":true},"b":1}'],
  ])('drops %s at any depth', (_name, text) => {
    const parsed = safeJsonParse(text) as Record<string, unknown>;
    expect(JSON.stringify(parsed)).not.toContain('polluted');
    expect(parsed.b).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the words inside values', () => {
    expect(safeJsonParse('{"prompt":"a constructor of __proto__ prototypes"}')).toEqual({
      prompt: 'a constructor of __proto__ prototypes',
    });
  });
});

describe('redact', () => {
  it('replaces every occurrence and leaves other text alone', () => {
    expect(redact('Bearer sk-secret-1 and sk-secret-1', 'sk-secret-1')).toBe('Bearer [REDACTED] and [REDACTED]');
    expect(redact('nothing here', 'sk-secret-1')).toBe('nothing here');
  });
});
