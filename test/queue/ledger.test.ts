import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { BudgetExceededError, WanClient } from '../../src/index.js';
import { createJobQueue, createPostgresLedger } from '../../src/queue/index.js';
import { setup } from '../support/fake.js';
import { freshDatabase } from '../support/postgres.js';
import { databaseUrl } from './support.js';

describe('createPostgresLedger: budgets that hold across processes', () => {
  it('concurrent reservations from separate pools never go over the limit', async () => {
    const url = await databaseUrl();
    const ledgers = await Promise.all([createPostgresLedger({ connectionString: url }), createPostgresLedger({ connectionString: url })]);
    try {
      const key = `tag:alice:${Date.now()}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ledgers[i % 2]!.reserve(key, { usd: 0.4, seconds: 5 }, { usd: 2 })),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await ledgers[0]!.totals(key)).toEqual({ usd: expect.closeTo(2, 9), seconds: 25 });
      await ledgers[1]!.release(key, { usd: 0.4, seconds: 5 });
      expect((await ledgers[0]!.totals(key)).seconds).toBe(20);
      expect(await ledgers[0]!.reserve(key, { usd: 0.4, seconds: 5 }, { usd: 2, seconds: 25 })).toBe(true);
      expect(await ledgers[0]!.reserve(key, { usd: 0, seconds: 1 }, { seconds: 25 })).toBe(false);
      expect(await ledgers[0]!.totals('tag:nobody:2026-01-01')).toEqual({ usd: 0, seconds: 0 });
    } finally {
      await Promise.all(ledgers.map((l) => l.close()));
    }
  });

  it("two clients sharing it enforce one tag's daily limit together", async () => {
    const { server } = await setup();
    const ledger = await createPostgresLedger({ connectionString: await databaseUrl() });
    const budget = { perTag: { maxSecondsPerDay: 10 }, ledger };
    const clients = [1, 2].map(() => new WanClient({ apiKey: server.apiKey, baseURL: server.url, budget }));
    try {
      const params = { model: 'wan2.6-text-to-video', prompt: 'a cat', duration: 5 } as const;
      const tag = `shared-${Date.now()}`;
      await clients[0]!.generate(params, { tag });
      await clients[1]!.generate(params, { tag });
      await expect(clients[0]!.generate(params, { tag })).rejects.toBeInstanceOf(BudgetExceededError);
      expect(server.postCount).toBe(2);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await ledger.close();
    }
  });
});

describe('a PostgreSQL that drops idle connections (a restart, a failover, an administrator)', () => {
  it('neither the queue nor the ledger crashes the process, and both go on with new connections', async () => {
    const url = await freshDatabase(inject('postgresUrl'), 'drop');
    const queue = await createJobQueue({ connectionString: url, name: 'dropped' });
    const ledger = await createPostgresLedger({ connectionString: url });
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onCrash);
    try {
      await queue.add([{ id: 'a', params: { model: 'wan2.6-text-to-video', prompt: 'job:a' } }]);
      await ledger.totals('tag:x');
      // Both pools now hold idle connections; end every one of them from the server's side.
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [new URL(url).pathname.slice(1)],
      );
      expect(rowCount).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(crashes).toEqual([]);
      expect(await queue.status()).toMatchObject({ queued: 1 });
      expect(await ledger.totals('tag:x')).toEqual({ usd: 0, seconds: 0 });
    } finally {
      process.off('uncaughtException', onCrash);
      await admin.end();
      await Promise.all([queue.close(), ledger.close()]);
    }
  });
});
