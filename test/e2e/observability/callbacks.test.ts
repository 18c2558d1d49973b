import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackError, createCallbackHandler, NotFoundError, type Task, type WanClient } from '../../../src/index.js';
import { setup } from '../../support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };
const PUBLIC_HOOK = 'https://hooks.example.com/evolink/8f14e45fceea167a5a36dedd4bea2543';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A node:http server running the handler on loopback (the receiving service). */
async function receiver(client: WanClient, onTask: (task: Task) => void, statuses: number[] = []) {
  const errors: unknown[] = [];
  const handler = createCallbackHandler({ client, onTask, onError: (e) => errors.push(e) });
  let served = 0;
  const server = createServer((req, res) => {
    const forced = statuses[served++];
    if (forced !== undefined && forced >= 300) {
      req.resume();
      res.writeHead(forced).end();
      return;
    }
    handler.node(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, handler, errors };
}

describe('callbacks: verified against the API, delivered end to end', () => {
  it('the fake delivers on completion; onTask gets the API’s task once, even when EvoLink retries', async () => {
    let target = '';
    const { server, client } = await setup({
      plan: () => ({ outcome: { status: 'completed' }, durationMs: 30 }),
      callbacks: { target: () => target, retryDelaysMs: [5, 5, 5] },
    });
    const seen: Task[] = [];
    // The first delivery attempt is refused with a 503, so the fake retries: onTask must still fire once.
    const hook = await receiver(client, (task) => seen.push(task), [503]);
    target = hook.url;
    const created = await client.imageToVideo({ ...I2V, callback_url: PUBLIC_HOOK });
    while (!server.callbackDeliveries[0]?.delivered) await new Promise((r) => setTimeout(r, 10));
    // EvoLink may deliver again (its retry after a lost 2xx): still once.
    await server.deliverCallback(created.id);
    await hook.handler.idle();
    expect(server.callbackDeliveries[0]!.attempts.map((a) => a.status)).toEqual([503, 202]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: created.id, status: 'completed', results: [`${server.contentUrl}/videos/${created.id}.mp4`] });
    expect(hook.errors).toEqual([]);
  });

  it('a forged delivery is answered with the API’s truth, never the posted body', async () => {
    const { server, client } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 100 }) });
    const seen: Task[] = [];
    const hook = await receiver(client, (task) => seen.push(task));
    const { id } = await client.imageToVideo(I2V);
    const forged = { id, status: 'completed', results: ['https://evil.example/malware.mp4'] };
    const answer = await fetch(hook.url, { method: 'POST', body: JSON.stringify(forged), headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(202);
    await hook.handler.idle();
    // The API says the task is still processing: nothing reaches onTask, and no forged URL anywhere.
    expect(seen).toEqual([]);
    const verified = await client.callbacks.verify(JSON.stringify(forged));
    expect(verified.status).not.toBe('completed');
    expect(verified.results).toBeUndefined();
    expect(server.requests.filter((r) => r.path === `/v1/tasks/${id}`).length).toBeGreaterThanOrEqual(2);
  });

  it('verify accepts a string, a Buffer, a parsed object and a Fetch Request', async () => {
    const { client } = await setup();
    const { id } = await client.imageToVideo(I2V);
    const body = JSON.stringify({ id, status: 'failed' });
    for (const input of [body, Buffer.from(body), JSON.parse(body), new Request('https://hooks.example.com/x', { method: 'POST', body })]) {
      await expect(client.callbacks.verify(input)).resolves.toMatchObject({ id });
    }
  });

  it.each([
    ['not JSON', 'hello', 'invalid_body'],
    ['not an object', '[1,2]', 'invalid_body'],
    ['no id', '{"status":"completed"}', 'missing_task_id'],
  ])('a body that is %s is a CallbackError, and nothing is fetched', async (_what, body, reason) => {
    const { server, client } = await setup();
    await expect(client.callbacks.verify(body)).rejects.toMatchObject({ name: 'CallbackError', reason });
    await expect(client.callbacks.verify(body)).rejects.toBeInstanceOf(CallbackError);
    expect(server.requests).toHaveLength(0);
  });

  it('an unknown task id is the API’s NotFoundError; the handler answers 202 then reports it to onError', async () => {
    const { client } = await setup();
    await expect(client.callbacks.verify('{"id":"task-unified-1-unknown"}')).rejects.toBeInstanceOf(NotFoundError);
    const hook = await receiver(client, () => {});
    const answer = await fetch(hook.url, { method: 'POST', body: '{"id":"task-unified-1-unknown","status":"completed"}' });
    expect(answer.status).toBe(202);
    await hook.handler.idle();
    expect(hook.errors[0]).toBeInstanceOf(NotFoundError);
  });

  it('the Fetch handler answers 400 to garbage at once and 202 to a task', async () => {
    const { client } = await setup();
    const { id } = await client.imageToVideo(I2V);
    const handler = createCallbackHandler({ client, onTask: () => {} });
    expect((await handler(new Request('https://x.example/hook', { method: 'POST', body: 'garbage' }))).status).toBe(400);
    expect((await handler(new Request('https://x.example/hook', { method: 'POST', body: JSON.stringify({ id }) }))).status).toBe(202);
    await handler.idle();
  });
});

describe('callbacks: nothing thrown is a bare TypeError', () => {
  it('a Request whose body was already read is a CallbackError', async () => {
    const { client } = await setup();
    const request = new Request('https://hooks.example.com/x', { method: 'POST', body: '{"id":"task-unified-1-x"}' });
    await request.text();
    await expect(client.callbacks.verify(request)).rejects.toMatchObject({ name: 'CallbackError', reason: 'invalid_body' });
  });
});
