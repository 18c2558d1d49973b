import { describe, expect, it } from 'vitest';
import { BadRequestError, EvoLinkError } from '../../src/index.js';
import { FakeEvoLinkServer, faults, type FakeServerOptions } from '../../src/testing/index.js';
import { setup } from '../support/fake.js';
import { openRaw } from './raw-http.js';

const IMAGE = 'https://example.com/cat.png';

describe('fake server extraFields', () => {
  it('refuses a field the model does not know by default, as the SDK schema would', async () => {
    const { client, server } = await setup({}, { maxRetries: 0 });
    await expect(client.imageToVideo({ image_start: IMAGE }, { extraBody: { watermark: false } })).rejects.toBeInstanceOf(BadRequestError);
    expect(server.tasks.size).toBe(0);
  });

  it('accepts the listed fields beyond the schema and keeps them in the recorded request and the task', async () => {
    const { client, server } = await setup({ extraFields: ['watermark'] });
    const task = await client.imageToVideo({ image_start: IMAGE }, { extraBody: { watermark: false } });
    const recorded = server.requests[0]!;
    expect(recorded.body).toMatchObject({ model: 'wan2.7-image-to-video', image_start: IMAGE, watermark: false });
    expect(server.tasks.get(task.id)?.body).toMatchObject({ watermark: false });
  });

  it('still validates the rest of the body', async () => {
    const { client } = await setup({ extraFields: ['watermark'] }, { maxRetries: 0 });
    // extraBody overrides validated fields after the SDK's own check, so the fake's schema is what refuses this.
    const error = await client.imageToVideo({ image_start: IMAGE }, { extraBody: { watermark: false, duration: 99 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('duration');
  });

  it('records the headers needed to assert the idempotency key, by lower-case name, with authorization redacted', async () => {
    const { client, server } = await setup();
    await client.imageToVideo({ image_start: IMAGE }, { idempotencyKey: 'order-1234-attempt-1' });
    const { headers } = server.requests[0]!;
    expect(headers['idempotency-key']).toBe('order-1234-attempt-1');
    expect(headers.authorization).toBe('[REDACTED]');
    expect(headers['content-type']).toMatch(/application\/json/);
  });
});

describe('fake server options', () => {
  it.each<[string, FakeServerOptions, RegExp]>([
    ['a non-loopback host', { host: '0.0.0.0' as never }, /loopback only/],
    ['extraFields that is not an array', { extraFields: 'watermark' as never }, /extraFields must be an array/],
    ['extraFields with a non-string', { extraFields: [1] as never }, /extraFields must be an array/],
    ['a negative headersTimeoutMs', { headersTimeoutMs: -1 }, /headersTimeoutMs must be a whole number/],
    ['a NaN requestTimeoutMs', { requestTimeoutMs: Number.NaN }, /requestTimeoutMs must be a whole number/],
    ['a fractional requestTimeoutMs', { requestTimeoutMs: 1.5 }, /requestTimeoutMs must be a whole number/],
  ])('refuses %s with an EvoLinkError naming the option', async (_name, options, message) => {
    const error = await FakeEvoLinkServer.start(options).then(
      async (server) => server.close(),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EvoLinkError);
    expect(String((error as Error).message)).toMatch(message);
  });

  it('does not count the time it takes to answer against requestTimeoutMs (a hang stays a hang)', async () => {
    const server = await FakeEvoLinkServer.start({ headersTimeoutMs: 50, requestTimeoutMs: 100 });
    try {
      server.inject(faults.hang());
      const connection = await openRaw(server.url, 600);
      connection.socket.write(`GET /v1/tasks/task-unified-1 HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer ${server.apiKey}\r\n\r\n`);
      // Given up by the client after 600 ms, with nothing received: no 408 cut the hang short.
      expect(await connection.received).toEqual({ text: '', closed: false });
    } finally {
      await server.close();
    }
  });
});
