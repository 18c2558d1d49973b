// A completed, billed task whose numbers no Date can hold (a TTL of 1e300, `created: 1e20`) still reaches the caller
// with its link and a usable expiry, whatever the log level: nothing throws a bare RangeError.
import { describe, expect, it } from 'vitest';
import { type Logger, WanClient } from '../../src/index.js';
import { completedTask } from '../../src/tasks/parse-task.js';
import type { Task } from '../../src/tasks/task.js';
import { setup } from '../support/fake.js';

const NOW = Date.UTC(2026, 11, 7);
const DAY = 86_400_000;
const task = (fields: Partial<Task>): Task =>
  ({ id: 'task-1', status: 'completed', results: ['https://cdn.example.com/v.mp4'], ...fields }) as Task;

describe('completedTask with numbers out of Date range', () => {
  it.each([
    ['created 1e20', { created: 1e20 }],
    ['created -1e20', { created: -1e20 }],
    ['created Infinity', { created: Number.POSITIVE_INFINITY }],
    ['a stated expiry that is an invalid Date', { expiresAt: new Date(Number.NaN) }],
    ['a stated expiry past the Date range', { expiresAt: new Date(8.64e15) }],
  ])('%s: the link is kept and expiresAt is 24 h after the task was last seen', (_name, fields) => {
    const done = completedTask(task(fields as Partial<Task>), NOW - 1000, NOW);
    expect(done.url).toBe('https://cdn.example.com/v.mp4');
    expect(done.expiresAt.getTime()).toBe(NOW - 1000 + DAY);
    expect(() => done.expiresAt.toISOString()).not.toThrow();
  });

  it('a stated expiry in range is kept', () => {
    const expiresAt = new Date(NOW + 3 * DAY);
    expect(completedTask(task({ expiresAt }), NOW - 1000, NOW).expiresAt).toBe(expiresAt);
  });
});

describe.each(['off', 'info', 'debug'] as const)('waitForResult with logging %s', (logLevel) => {
  it('resolves with the link of a completed task whose created is 1e20', async () => {
    const { server } = await setup();
    const body = JSON.stringify({
      id: 'task-unified-1757169743-out0range',
      object: 'video.generation.task',
      model: 'wan2.7-text-to-video',
      status: 'completed',
      progress: 100,
      created: 1e20,
      results: [`${server.contentUrl}/videos/x.mp4`],
    });
    server.inject({
      kind: 'custom',
      method: 'GET',
      respond: (req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      },
    });
    const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, logLevel, logger: quiet });
    const video = await client.tasks.wait('task-unified-1757169743-out0range', { pollInterval: 5 });
    expect(video.url).toBe(`${server.contentUrl}/videos/x.mp4`);
    expect(Number.isFinite(video.expiresAt.getTime())).toBe(true);
    await client.close();
  });
});
