import { describe, expect, it } from 'vitest';
import { ApiPromise, EvoLinkError, InvalidResponseError, WanClient } from '../../../src/index.js';
import { faults } from '../../../src/testing/index.js';
import { setup } from '../../support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('.withResponse() and request ids on success', () => {
  it('the create handle gives { data, response } with the one POST', async () => {
    const { server, client } = await setup();
    const handle = client.imageToVideo(I2V);
    const { data, response } = await handle.withResponse();
    expect(data.id).toMatch(/^task-unified-/);
    expect(response).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      requestId: expect.stringMatching(/^req-/),
    });
    expect((await handle).id).toBe(data.id);
    expect(server.postCount).toBe(1);
  });

  it('tasks.get returns an ApiPromise: await gives the task, withResponse the answer too', async () => {
    const { server, client } = await setup();
    const { id } = await client.imageToVideo(I2V);
    const pending = client.tasks.get(id);
    expect(pending).toBeInstanceOf(ApiPromise);
    const { data, response } = await pending.withResponse();
    expect(await pending).toBe(data);
    expect(response.status).toBe(200);
    expect(server.getCount).toBe(1);
  });

  it('requestId is on every returned task, non-enumerable, so JSON output stays the API’s', async () => {
    const { client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const handle = client.imageToVideo(I2V);
    const created = await handle;
    const read = await client.tasks.get(created.id);
    const video = await handle.waitForResult({ pollInterval: 1 });
    for (const task of [created, read, video]) {
      expect(task.requestId).toMatch(/^req-\d+$/);
      expect(Object.keys(task)).not.toContain('requestId');
      expect(JSON.stringify(task)).not.toContain('requestId');
    }
  });

  it('a requestId field in the body does not masquerade as the response’s request id', async () => {
    const { server, client } = await setup();
    server.inject(
      faults.raw(JSON.stringify({ id: 'task-unified-1-x', status: 'pending', requestId: 'forged' }), 'application/json', { method: 'GET' }),
    );
    const task = await client.tasks.get('task-unified-1-x');
    expect(task.requestId).toBeUndefined();
  });
});

describe('client.credits()', () => {
  it('GET /v1/credits as a typed object for the token and the user', async () => {
    const { server, client } = await setup();
    await client.imageToVideo(I2V);
    const credits = await client.credits();
    expect(credits).toEqual({
      token: { remaining_credits: 995, used_credits: 5, unlimited_credits: false },
      user: { remaining_credits: 5000, used_credits: 0 },
    });
    expect(credits.requestId).toMatch(/^req-/);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/credits' });
    const { response } = await client.credits().withResponse();
    expect(response.status).toBe(200);
  });

  it('an answer without data is an InvalidResponseError; success:false too', async () => {
    const { server, client } = await setup();
    server.inject(faults.raw(JSON.stringify({ success: false, message: 'nope' }), 'application/json', { method: 'GET' }));
    await expect(client.credits()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('is an EvoLinkError, not a crash, when called after close()', async () => {
    const { client } = await setup();
    await client.close();
    await expect(client.credits()).rejects.toBeInstanceOf(EvoLinkError);
  });

  it('the client works without ever calling credits (no extra requests)', async () => {
    const { server } = await setup();
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url });
    await client.imageToVideo(I2V);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/videos/generations']);
    await client.close();
  });
});
