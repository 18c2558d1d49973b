import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, WanClient } from '../../../src/index.js';

const KEY = 'sk-SUPERSECRET-0123456789';

describe('the key never appears in an error’s cause chain', () => {
  it('a MockAgent "not matched" error quoting the request headers is scrubbed before it becomes the cause', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get('https://api.evolink.ai')
      .intercept({ path: '/v1/tasks/task-unified-1-abc', method: 'GET', headers: { 'x-tenant': 'a' } })
      .reply(200, {});
    const client = new WanClient({ apiKey: KEY, dispatcher: mock, maxRetries: 0 });
    const error = await client.tasks.get('task-unified-1-abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toBeDefined();
    for (const text of [inspect(error, { depth: 10, showHidden: true }), String((error as Error).stack), JSON.stringify(error)]) {
      expect(text).not.toContain(KEY);
    }
    expect(inspect(error, { depth: 10 })).toContain('[REDACTED]');
    await client.close();
    await mock.close();
  });
});
