import { describe, expect, it } from 'vitest';
import { APITimeoutError, APIUserAbortError, ClientClosedError } from '../../src/index.js';
import { faults } from '../../src/testing/index.js';
import { setupNovita } from '../support/fake-novita.js';

const T2V = { prompt: 'A kitten running under the moonlight' };
const outcome = <T>(p: PromiseLike<T>): Promise<T | unknown> => Promise.resolve(p).then(undefined, (e: unknown) => e);

describe('novita: a create cut off in flight never says "submit again" (no idempotency key there)', () => {
  it('waitForResult timeout while the create hangs after the task was created', async () => {
    const { server, client } = await setupNovita();
    server.inject(faults.hang({ method: 'POST', when: 'after' }));
    const error = await outcome(client.textToVideo(T2V).waitForResult({ timeout: 300 }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toMatchObject({ mayHaveReachedServer: true, idempotencyKey: undefined });
    expect((error as Error).message).toMatch(
      /a task may exist, and this gateway honours no idempotency key: check your tasks before submitting again/,
    );
    expect((error as Error).message).not.toMatch(/No task was created|submit again, or/);
    expect(server.tasks.size).toBe(1);
  });

  it('the caller’s abort and close() say the same', async () => {
    const { server, client } = await setupNovita();
    server.inject(faults.hang({ method: 'POST', when: 'after', times: 2 }));
    const controller = new AbortController();
    const aborted = outcome(client.textToVideo(T2V, { signal: controller.signal }));
    while (server.tasks.size === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await aborted).toBeInstanceOf(APIUserAbortError);
    expect(((await aborted) as Error).message).toMatch(/honours no idempotency key/);
    const closed = outcome(client.textToVideo(T2V));
    while (server.tasks.size < 2) await new Promise((r) => setTimeout(r, 5));
    await client.close();
    expect(await closed).toBeInstanceOf(ClientClosedError);
    expect(((await closed) as Error).message).toMatch(/honours no idempotency key/);
  });
});
