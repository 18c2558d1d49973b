import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { EvoLinkError, InvalidOptionError, WanClient } from '../src/index.js';
import { setup } from './support/fake.js';

const KEY = 'sk-valid-test-key-0123456789';
const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

/** Every wrong value must be an InvalidOptionError naming the option; nothing the SDK throws may be a bare TypeError. */
function expectOptionError(thrown: unknown, option: string): void {
  expect(thrown).toBeInstanceOf(InvalidOptionError);
  expect(thrown).toBeInstanceOf(EvoLinkError);
  expect((thrown as InvalidOptionError).option).toBe(option);
  expect((thrown as Error).message).toContain(option.split('.')[0]);
}

function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('client options are checked at construction', () => {
  it.each([
    ['timeout', Number.NaN],
    ['timeout', -1],
    ['timeout', '5000'],
    ['timeout', Number.POSITIVE_INFINITY],
    ['maxRetries', Number.NaN],
    ['maxRetries', 1.5],
    ['maxRetries', -1],
    ['maxRetries', '2'],
    ['maxRetryAfter', Number.NaN],
    ['maxRetryAfter', -5],
    ['maxConnections', 0],
    ['maxConnections', 2.5],
    ['maxResponseBytes', 10],
    ['maxResponseBytes', Number.NaN],
    ['fetch', 'https://example.com'],
    ['fetch', {}],
    ['onRetry', 'log'],
    ['dispatcher', {}],
    ['dispatcher', 'proxy'],
    ['allowInsecureHttp', 'yes'],
    ['baseURL', 42],
    ['defaultHeaders', 'x-a: 1'],
    ['defaultHeaders', ['x-a', '1']],
    ['retryBackoff', 500],
  ])('%s = %s → InvalidOptionError', (option, value) => {
    expectOptionError(
      thrownBy(() => new WanClient({ apiKey: KEY, [option]: value })),
      option,
    );
  });

  it.each([
    ['retryBackoff.initialDelay', { initialDelay: Number.NaN }],
    ['retryBackoff.maxDelay', { maxDelay: -1 }],
    ['retryBackoff.maxDelay', { initialDelay: 5000, maxDelay: 100 }],
    ['initalDelay', { initalDelay: 100 }],
  ])('retryBackoff problem at %s', (option, retryBackoff) => {
    expectOptionError(
      thrownBy(() => new WanClient({ apiKey: KEY, retryBackoff: retryBackoff as never })),
      option,
    );
  });

  it('an unknown option is refused with a suggestion (plain-JavaScript typos)', () => {
    const error = thrownBy(() => new WanClient({ apiKey: KEY, maxretries: 3 } as never));
    expectOptionError(error, 'maxretries');
    expect((error as Error).message).toContain('did you mean maxRetries?');
    expect(thrownBy(() => new WanClient('sk-key' as never))).toBeInstanceOf(InvalidOptionError);
  });

  it('accepts every option with a sensible value', () => {
    const client = new WanClient({
      apiKey: KEY,
      baseURL: 'https://api.evolink.ai',
      timeout: 0,
      maxRetries: 0,
      maxRetryAfter: 0,
      maxConnections: 1,
      maxResponseBytes: 4096,
      defaultHeaders: { 'x-app': 'mine' },
      allowInsecureHttp: false,
      retryBackoff: { initialDelay: 0, maxDelay: 0 },
      onRetry: () => {},
      fetch: globalThis.fetch,
    });
    expect(client.baseURL).toBe('https://api.evolink.ai');
  });
});

describe('API keys are checked at construction and never shown', () => {
  const secret = 'sk-REALSECRET-9f8e7d6c5b4a';
  it.each([
    ['a zero-width space pasted from a web page', `${secret}\u200b`, /invisible zero-width/],
    ['a trailing newline', `${secret}\n`, /control character/],
    ['a NUL byte', `sk-REAL\u0000SECRET-9f8e7d6c5b4a`, /control character/],
    ['an inner space', `sk-REAL SECRET-9f8e7d6c5b4a`, /whitespace/],
    ['a leading tab', `\t${secret}`, /whitespace/],
    ['non-ASCII', `${secret}é`, /non-ASCII/],
  ])('a key with %s is an InvalidOptionError that never contains the key', (_what, apiKey, reason) => {
    const error = thrownBy(() => new WanClient({ apiKey }));
    expectOptionError(error, 'apiKey');
    expect((error as Error).message).toMatch(reason);
    const everything = [
      (error as Error).message,
      String((error as Error).stack),
      inspect(error, { depth: 5, showHidden: true }),
      JSON.stringify(error),
      String((error as Error).cause),
    ].join('\n');
    for (const piece of ['REALSECRET', 'REAL\u0000SECRET', 'REAL SECRET']) expect(everything).not.toContain(piece);
  });

  it('the same checks apply to EVOLINK_API_KEY, and the message names it', () => {
    vi.stubEnv('EVOLINK_API_KEY', 'sk-from-env-0123456789 ');
    try {
      const error = thrownBy(() => new WanClient());
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ option: 'apiKey' });
      expect((error as Error).message).toContain('The API key from EVOLINK_API_KEY contains whitespace');
      expect((error as Error).message).not.toContain('sk-from-env');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('an unparsable baseURL is reported without its userinfo', () => {
    const error = thrownBy(() => new WanClient({ apiKey: KEY, baseURL: 'https://admin:hunter2@exa mple.com' }));
    expectOptionError(error, 'baseURL');
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).message).not.toContain('admin');
  });
});

describe('request and wait options are checked before any request', () => {
  it.each([
    ['timeout', { timeout: Number.NaN }],
    ['timeout', { timeout: -1 }],
    ['maxRetries', { maxRetries: Number.NaN }],
    ['maxRetries', { maxRetries: '1' }],
    ['signal', { signal: 'abort' }],
    ['signal', { signal: {} }],
    ['extraBody', { extraBody: 'seed=1' }],
    ['extraBody', { extraBody: [1] }],
    ['headers', { headers: 'x-a: 1' }],
    ['idempotencykey', { idempotencykey: 'order-0001-0001-0001' }],
  ])('request option %s', async (option, options) => {
    const { server, client } = await setup();
    expectOptionError(await client.imageToVideo(I2V, options as never).catch((e: unknown) => e), option);
    expectOptionError(await client.tasks.get('task-unified-1-x', options as never).catch((e: unknown) => e), option);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['pollInterval', { pollInterval: Number.NaN }],
    ['pollInterval', { pollInterval: -1 }],
    ['pollInterval', { pollInterval: '3000' }],
    ['timeout', { timeout: Number.NaN }],
    ['timeout', { timeout: -100 }],
    ['onProgress', { onProgress: 'console.log' }],
    ['signal', { signal: true }],
    ['poll_interval', { poll_interval: 10 }],
  ])('wait option %s', async (option, options) => {
    const { server, client } = await setup();
    expectOptionError(await client.tasks.wait('task-unified-1-x', options as never).catch((e: unknown) => e), option);
    expect(server.requests).toHaveLength(0);
    const handle = client.imageToVideo(I2V);
    expectOptionError(await handle.waitForResult(options as never).catch((e: unknown) => e), option);
    await handle;
    expect(server.getCount).toBe(0);
  });

  it('a pollInterval function returning NaN is an InvalidOptionError, not a tight polling loop', async () => {
    const { server, client } = await setup();
    const error = await client
      .imageToVideo(I2V)
      .waitForResult({ pollInterval: () => Number.NaN })
      .catch((e: unknown) => e);
    expectOptionError(error, 'pollInterval');
    expect(server.getCount).toBe(0);
  });
});

describe('apiKey of the wrong type', () => {
  it('is an InvalidOptionError saying it must be a string (not "no API key")', () => {
    const error = thrownBy(() => new WanClient({ apiKey: 12345 as never }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(/must be a string; got "number"/);
  });
});
