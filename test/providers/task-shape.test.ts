import { describe, expect, it } from 'vitest';
import { parseTask } from '../../src/providers/task-shape.js';

const ANSWER = {
  id: 'task-unified-1757169743-7cvnl5zw',
  status: 'pending',
  progress: 0,
  task_info: { can_cancel: true, estimated_time: 120 },
  usage: { credits_reserved: 7 },
};

describe('parseTask', () => {
  it('copies the answer: fields in their order, the request id from the headers, non-enumerable', () => {
    const data = { ...ANSWER, requestId: 'from-the-body' };
    const task = parseTask(data, { status: 200, requestId: 'req-1' });
    expect(Object.keys(task)).toEqual(['id', 'status', 'progress', 'task_info', 'usage']);
    expect(task.requestId).toBe('req-1');
    expect(JSON.stringify(task)).toBe(JSON.stringify(ANSWER));
    expect(data.requestId).toBe('from-the-body');
    expect(task).not.toBe(data);
  });

  it('drops a body requestId even without a header one, and keeps an own __proto__ key as data (no prototype change)', () => {
    expect(Object.hasOwn(parseTask({ ...ANSWER, requestId: 'x' }, { status: 200 }), 'requestId')).toBe(false);
    const hostile = JSON.parse(`{"id":"t-1","status":"pending","__proto__":{"polluted":true}}`) as Record<string, unknown>;
    const task = parseTask(hostile, { status: 200 }) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(task)).toBe(Object.prototype);
    expect(task.polluted).toBeUndefined();
    expect(Object.hasOwn(task, '__proto__')).toBe(true);
  });
});
