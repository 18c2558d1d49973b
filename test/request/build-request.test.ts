import { describe, expect, it } from 'vitest';
import { InvalidOptionError, ValidationError, WanClient } from '../../src/index.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';
import { buildRequest, type RequestDefaults } from '../../src/request/build-request.js';
import { setup } from '../support/fake.js';

const DEFAULTS: RequestDefaults = { apiKey: 'sk-test-key-0123456789', userAgent: 'evolink-wan/9.9.9', headers: { 'x-app': 'mine' } };
const CREATE = { method: 'POST', path: '/v1/videos/generations', body: { model: 'm' }, createsTask: true } as const;
const READ = { method: 'GET', path: '/v1/tasks/task-unified-1', taskId: 'task-unified-1' } as const;
const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

describe('buildRequest: the one function that builds every request', () => {
  it('merges headers case-insensitively in a fixed order, the SDK’s own last', () => {
    const request = buildRequest(CREATE, DEFAULTS, { headers: { 'X-App': 'call', Accept: 'application/json; q=1', 'X-Trace': 't-1' } });
    expect(request.headers).toEqual({
      accept: 'application/json; q=1',
      'x-app': 'call',
      'x-trace': 't-1',
      authorization: 'Bearer sk-test-key-0123456789',
      'idempotency-key': expect.stringMatching(/^evolink-wan-[0-9a-f-]{36}$/),
      'content-type': 'application/json',
      'user-agent': 'evolink-wan/9.9.9',
    });
    expect(request.body).toBe('{"model":"m"}');
    expect(Object.keys(request.headers)).toEqual([
      'accept',
      'x-app',
      'x-trace',
      'authorization',
      'idempotency-key',
      'content-type',
      'user-agent',
    ]);
  });

  it('drops fields given as undefined from the body, and keeps it the validated object when there are none', () => {
    const build = { defaultModel: 'wan2.7-image-to-video' } as const;
    const { body } = buildGenerationRequest({ ...I2V, seed: undefined, negative_prompt: undefined }, build);
    expect(Object.keys(body)).toEqual(['model', 'prompt', 'image_start', 'generation_mode']);
    expect(JSON.stringify(body)).toBe(JSON.stringify({ model: 'wan2.7-image-to-video', ...I2V, generation_mode: 'first_frame' }));
  });

  it('validates the parameters with the method’s model when model is given as undefined; __proto__ stays an unknown key', () => {
    const build = { defaultModel: 'wan2.7-image-to-video' } as const;
    const { body } = buildGenerationRequest({ model: undefined, ...I2V }, build);
    expect(body).toEqual({ model: 'wan2.7-image-to-video', generation_mode: 'first_frame', ...I2V });
    expect(Object.keys(body)).toEqual(['model', 'prompt', 'image_start', 'generation_mode']);
    expect(() => buildGenerationRequest(JSON.parse(`{"__proto__":{"prompt":1},"image_start":"${I2V.image_start}"}`), build)).toThrow(
      /__proto__ is not a wan2.7-image-to-video parameter/,
    );
  });

  it('keeps a caller’s user-agent in front of the SDK’s token (one value)', () => {
    expect(buildRequest(READ, DEFAULTS, { headers: { 'User-Agent': 'my-app/2.0' } }).headers['user-agent']).toBe(
      'my-app/2.0 evolink-wan/9.9.9',
    );
  });

  it.each([['Authorization'], ['authorization'], ['AUTHORIZATION']])('a per-call %s header is an error pointing to apiKey', (name) => {
    const error = (() => {
      try {
        buildRequest(READ, DEFAULTS, { headers: { [name]: 'Bearer other' } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(/apiKey/);
    expect((error as Error).message).not.toContain('Bearer other');
  });

  it('a per-call Idempotency-Key header is the idempotencyKey option under another name', () => {
    const viaHeader = buildRequest(CREATE, DEFAULTS, { headers: { 'Idempotency-Key': 'order-1234-video-0001' } });
    expect(viaHeader.idempotencyKey).toBe('order-1234-video-0001');
    expect(viaHeader.headers['idempotency-key']).toBe('order-1234-video-0001');
    expect(() => buildRequest(CREATE, DEFAULTS, { headers: { 'idempotency-key': 'short' } })).toThrow(ValidationError);
    expect(() =>
      buildRequest(CREATE, DEFAULTS, { headers: { 'Idempotency-Key': 'order-1234-video-0001' }, idempotencyKey: 'order-1234-video-0002' }),
    ).toThrow(/disagree/);
    expect(
      buildRequest(CREATE, DEFAULTS, { headers: { 'Idempotency-Key': 'order-1234-video-0001' }, idempotencyKey: 'order-1234-video-0001' })
        .idempotencyKey,
    ).toBe('order-1234-video-0001');
  });

  it.each([
    ['CR LF (header injection)', 'a\r\nx-evil: 1'],
    ['a lone LF', 'a\nb'],
    ['NUL', 'a\u0000b'],
    ['a non-ByteString character', 'caf\u00e9 \u2603'],
    ['DEL', 'a\u007fb'],
  ])('a header value with %s is an InvalidOptionError naming the header, before sending', (_what, value) => {
    expect(() => buildRequest(READ, DEFAULTS, { headers: { 'X-Trace': value } })).toThrow(InvalidOptionError);
    expect(() => buildRequest(READ, DEFAULTS, { headers: { 'X-Trace': value } })).toThrow(/headers\.X-Trace/);
  });

  it.each([['bad name'], ['x:y'], ['']])('an invalid header name %j is refused', (name) => {
    expect(() => buildRequest(READ, DEFAULTS, { headers: { [name]: 'v' } })).toThrow(InvalidOptionError);
  });

  it('two spellings of one header in one object are refused (case-insensitive)', () => {
    expect(() => buildRequest(READ, DEFAULTS, { headers: { 'X-A': '1', 'x-a': '2' } })).toThrow(/twice/);
  });

  it.each([
    ['a BigInt', () => ({ big: 10n })],
    [
      'a cycle',
      () => {
        const a: Record<string, unknown> = {};
        a.self = a;
        return { loop: a };
      },
    ],
    [
      'absurd depth',
      () => {
        let deep: unknown = 1;
        for (let i = 0; i < 200_000; i++) deep = [deep];
        return { deep };
      },
    ],
    [
      'a throwing toJSON',
      () => ({
        odd: {
          toJSON: () => {
            throw new Error('no');
          },
        },
      }),
    ],
  ])('an unserialisable body (%s) is a ValidationError naming the field', (_what, make) => {
    const body = { model: 'm', ...make() };
    const error = (() => {
      try {
        buildRequest({ ...CREATE, body }, DEFAULTS);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toEqual([Object.keys(body)[1]]);
  });
});

describe('headers through the client (fake server)', () => {
  it('a per-call Authorization never reaches the wire; the key stays the client’s', async () => {
    const { server, client } = await setup();
    await expect(client.tasks.get('task-unified-1-x', { headers: { Authorization: 'Bearer other' } })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    await expect(client.imageToVideo(I2V, { headers: { authorization: 'Bearer other' } })).rejects.toBeInstanceOf(InvalidOptionError);
    expect(server.requests).toHaveLength(0);
  });

  it('a per-call Idempotency-Key header is sent once, as the key', async () => {
    const { server, client } = await setup();
    const task = await client.imageToVideo(I2V, { headers: { 'Idempotency-Key': 'order-1234-video-0001' } });
    expect(server.requests[0]?.headers['idempotency-key']).toBe('order-1234-video-0001');
    const again = await client.imageToVideo(I2V, { idempotencyKey: 'order-1234-video-0001' });
    expect(again.id).toBe(task.id);
    expect(server.tasks.size).toBe(1);
  });

  it('a header value with CR/LF is refused before anything leaves the process (no connection error)', async () => {
    const { server, client } = await setup();
    const error = await client.tasks.get('task-unified-1-x', { headers: { 'x-trace': 'a\r\nb' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(server.requests).toHaveLength(0);
    expect(server.connectionsOpened).toBe(0);
  });

  it('defaultHeaders are checked at construction, Idempotency-Key among them refused', async () => {
    const { server } = await setup();
    expect(() => new WanClient({ apiKey: server.apiKey, baseURL: server.url, defaultHeaders: { 'X-A': 'a\nb' } })).toThrow(
      InvalidOptionError,
    );
    expect(
      () => new WanClient({ apiKey: server.apiKey, baseURL: server.url, defaultHeaders: { 'Idempotency-Key': 'order-1234-video-0001' } }),
    ).toThrow(/one key for every request/);
  });

  it('extraBody with a BigInt is a ValidationError, not a connection error', async () => {
    const { server, client } = await setup();
    const error = await client.imageToVideo(I2V, { extraBody: { big: 1n } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
