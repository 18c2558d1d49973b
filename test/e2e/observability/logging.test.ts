import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileFrom, InvalidOptionError, type Logger, WanClient } from '../../../src/index.js';
import { faults } from '../../../src/testing/index.js';
import { setup } from '../../support/fake.js';

const I2V = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };

/** A logger that records every call as [level, message, fields]. */
function recorder() {
  const lines: [string, string, Record<string, unknown>][] = [];
  const logger: Logger = {
    error: (m, f = {}) => lines.push(['error', m, f]),
    warn: (m, f = {}) => lines.push(['warn', m, f]),
    info: (m, f = {}) => lines.push(['info', m, f]),
    debug: (m, f = {}) => lines.push(['debug', m, f]),
  };
  return { lines, logger, levels: () => new Set(lines.map((l) => l[0])) };
}

describe('logging', () => {
  it('debug: every HTTP attempt, structured; info: created and finished; warn: retries — and never the key', async () => {
    const { lines, logger } = recorder();
    const { server } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 2 }) });
    const client = new WanClient({
      apiKey: server.apiKey,
      baseURL: server.url,
      filesBaseURL: server.filesUrl,
      logLevel: 'debug',
      logger,
      retryBackoff: { initialDelay: 1, maxDelay: 2 },
    });
    // Faults on the way, including a proxy that echoes the key back in a header and in the body.
    const echo = `{"error":{"message":"bad token Bearer ${server.apiKey}"}}`;
    server.inject(
      faults.status(503, { method: 'POST', when: 'after', retryAfter: 0, headers: { 'x-echo': `Bearer ${server.apiKey}` } }),
      faults.raw(echo, 'application/json', { method: 'GET' }),
      faults.status(429, { method: 'GET', retryAfter: 0, body: JSON.parse(echo) }),
    );
    // A local file (uploaded through the files API, which fails once), then a download that drops mid-body.
    server.inject(faults.status(503, { on: 'files', retryAfter: 0, body: JSON.parse(echo) }), faults.dropMidBody(2_000));
    const image = fileFrom(join(import.meta.dirname, '../../../examples/assets/cat.jpg'));
    const handle = client.imageToVideo({ ...I2V, image_start: image }, { idempotencyKey: 'order-1234-video-0001' });
    const task = await handle;
    await handle.waitForResult({ pollInterval: 1 }).catch(() => undefined);
    const video = await client.tasks.wait(task.id, { pollInterval: 1 });
    await video.download(join(mkdtempSync(join(tmpdir(), 'evolink-log-')), 'v.mp4'));
    await client.close();
    expect(lines.some(([level, message]) => level === 'warn' && /Resuming the download/.test(message))).toBe(true);
    expect(lines.some(([level, message]) => level === 'debug' && /POST \/api\/v1\/files\/upload\/stream/.test(message))).toBe(true);

    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(server.apiKey);
    const attempts = lines.filter(([level, message]) => level === 'debug' && message.startsWith('POST /v1/videos/generations'));
    expect(attempts).toHaveLength(2);
    expect(lines.filter(([level]) => level === 'debug').length).toBeGreaterThanOrEqual(8);
    expect(attempts[0]![2]).toMatchObject({
      method: 'POST',
      path: '/v1/videos/generations',
      attempt: 1,
      status: 503,
      idempotencyKey: 'order-1234-video-0001',
      requestHeaders: expect.objectContaining({ authorization: '[REDACTED]', 'idempotency-key': 'order-1234-video-0001' }),
    });
    expect(attempts[0]![2].durationMs).toEqual(expect.any(Number));
    expect(attempts[1]![2]).toMatchObject({ method: 'POST', attempt: 2, status: 200, requestId: expect.any(String) });
    expect(lines.some(([level, message]) => level === 'warn' && /Retrying POST/.test(message))).toBe(true);
    expect(lines.some(([level, message]) => level === 'warn' && /Rate limited on GET/.test(message))).toBe(true);
    expect(lines.find(([level, message]) => level === 'info' && message.includes('created'))?.[2]).toMatchObject({
      taskId: task.id,
      model: 'wan2.7-image-to-video',
      creditsReserved: 5,
    });
    expect(lines.some(([level, message]) => level === 'info' && message === `Task ${task.id} completed`)).toBe(true);
  });

  it.each([
    ['off', []],
    ['error', []],
    ['warn', ['warn']],
    ['info', ['warn', 'info']],
    ['debug', ['warn', 'info', 'debug']],
  ] as const)('logLevel %s writes only %j', async (logLevel, expected) => {
    const { logger, levels } = recorder();
    const { server } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    server.inject(faults.status(503, { method: 'GET', retryAfter: 0 }));
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, logLevel, logger });
    await client.imageToVideo(I2V).waitForResult({ pollInterval: 1 });
    await client.close();
    expect([...levels()].sort()).toEqual([...expected].sort());
  });

  it('EVOLINK_LOG sets the level when the option is absent; a bad value is an InvalidOptionError naming it', async () => {
    const { server } = await setup();
    vi.stubEnv('EVOLINK_LOG', 'DEBUG');
    try {
      const { logger, levels } = recorder();
      const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, logger });
      await client.imageToVideo(I2V);
      await client.close();
      expect(levels().has('debug')).toBe(true);
      vi.stubEnv('EVOLINK_LOG', 'verbose');
      expect(() => new WanClient({ apiKey: server.apiKey, baseURL: server.url })).toThrow(/EVOLINK_LOG must be one of/);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(() => new WanClient({ apiKey: server.apiKey, logLevel: 'loud' as never })).toThrow(InvalidOptionError);
    expect(() => new WanClient({ apiKey: server.apiKey, logger: { info() {} } as never })).toThrow(
      /logger must have error, warn, info and debug/,
    );
  });

  it('pino-style loggers (with bindings()) are called as (fields, message)', async () => {
    const calls: unknown[][] = [];
    const pinoLike = {
      bindings: () => ({}),
      error: (...args: unknown[]) => calls.push(args),
      warn: (...args: unknown[]) => calls.push(args),
      info: (...args: unknown[]) => calls.push(args),
      debug: (...args: unknown[]) => calls.push(args),
    };
    const { server } = await setup();
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, logLevel: 'info', logger: pinoLike });
    await client.imageToVideo(I2V);
    await client.close();
    expect(calls[0]![0]).toMatchObject({ taskId: expect.any(String) });
    expect(calls[0]![1]).toMatch(/^Task .* created$/);
  });

  it('a throwing logger never breaks a request', async () => {
    const { server } = await setup();
    const broken: Logger = {
      error: () => {
        throw new Error('x');
      },
      warn: () => {
        throw new Error('x');
      },
      info: () => {
        throw new Error('x');
      },
      debug: () => {
        throw new Error('x');
      },
    };
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, logLevel: 'debug', logger: broken });
    await expect(client.imageToVideo(I2V)).resolves.toMatchObject({ status: 'pending' });
    await client.close();
  });
});

describe('createLogger scrubs every line', () => {
  it('the key is replaced in the message and at any depth of the fields, errors included', async () => {
    const { createLogger } = await import('../../../src/internal/logger.js');
    const secret = 'sk-LOGSECRET-0123456789';
    const { lines, logger } = recorder();
    const log = createLogger('debug', logger, secret);
    log.debug(`echo ${secret}`, {
      a: { b: [`x ${secret} y`] },
      error: new Error(`failed with ${secret}`),
      headers: { Authorization: 'Bearer anything' },
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('Bearer anything');
    expect(lines[0]![1]).toBe('echo [REDACTED]');
  });
});
