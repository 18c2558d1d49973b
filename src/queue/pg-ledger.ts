import type { Pool } from 'pg';
import type { BudgetLedger, Spend, SpendLimit } from '../cost/ledger.js';
import { InvalidOptionError } from '../errors/index.js';
import { type Importer, loadQueueDeps } from './load-deps.js';
import { checkIdentifier } from './schema.js';

/** Options of {@link createPostgresLedger}. */
export interface PostgresLedgerOptions {
  /** The database, as a URL; the ledger makes a pool and closes it. */
  connectionString?: string | undefined;
  /** Or a `pg` pool of your own (you close it). */
  pool?: Pool | undefined;
  /** Schema of the ledger's table. @default 'evolink_queue' */
  schema?: string | undefined;
  /** @internal Replaces `import()` of pg (tests). */
  importer?: Importer | undefined;
}

/** A {@link BudgetLedger} in PostgreSQL, with `close()`. */
export interface PostgresLedger extends BudgetLedger {
  reserve(key: string, amount: Spend, limit: SpendLimit): Promise<boolean>;
  release(key: string, amount: Spend): Promise<void>;
  totals(key: string): Promise<Spend>;
  /** Closes the pool the ledger made (not one you passed). */
  close(): Promise<void>;
}

/** Float sums of prices land a hair off; a limit is not exceeded by binary noise (as in `MemoryLedger`). */
const EPSILON = 1e-9;

/**
 * A budget ledger in PostgreSQL, so that per-tag daily limits (`budget.perTag`) hold across every worker and machine:
 * pass it as `new WanClient({ budget: { perTag: { maxUsdPerDay: 5 }, ledger } })` in each process. A reservation is
 * one `UPDATE … WHERE total + amount <= limit`: the row lock makes concurrent reservations on a key take turns, and
 * each sees the totals the previous one left.
 */
export async function createPostgresLedger(options: PostgresLedgerOptions): Promise<PostgresLedger> {
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new InvalidOptionError('connectionString', 'Pass exactly one of connectionString (a postgres:// URL) and pool (a pg Pool).');
  }
  const schema = checkIdentifier('schema', options.schema ?? 'evolink_queue');
  const own = options.pool === undefined;
  const pool = options.pool ?? new (await loadQueueDeps(options.importer)).Pool({ connectionString: options.connectionString, max: 5 });
  // A dropped idle connection is an 'error' event on the pool (a crash without a listener); the next query reconnects.
  if (own) pool.on('error', () => {});
  const table = `${schema}.budget`;
  // Created once per database, under the lock the queue's tables are created under (one transaction, one connection).
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('evolink-wan queue schema'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY, usd double precision NOT NULL DEFAULT 0, seconds double precision NOT NULL DEFAULT 0)`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (own) await pool.end().catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return {
    async reserve(key, amount, limit) {
      await pool.query(`INSERT INTO ${table} (key) VALUES ($1) ON CONFLICT DO NOTHING`, [key]);
      const { rows } = await pool.query(
        `UPDATE ${table} SET usd = usd + $2, seconds = seconds + $3
         WHERE key = $1 AND ($4::float8 IS NULL OR usd + $2 <= $4 + $6) AND ($5::float8 IS NULL OR seconds + $3 <= $5 + $6)
         RETURNING 1`,
        [key, amount.usd, amount.seconds, limit.usd ?? null, limit.seconds ?? null, EPSILON],
      );
      return rows.length > 0;
    },
    async release(key, amount) {
      await pool.query(`UPDATE ${table} SET usd = GREATEST(0, usd - $2), seconds = GREATEST(0, seconds - $3) WHERE key = $1`, [
        key,
        amount.usd,
        amount.seconds,
      ]);
    },
    async totals(key) {
      const { rows } = await pool.query<Spend>(`SELECT usd, seconds FROM ${table} WHERE key = $1`, [key]);
      return rows[0] ? { usd: Number(rows[0].usd), seconds: Number(rows[0].seconds) } : { usd: 0, seconds: 0 };
    },
    async close() {
      if (own) await pool.end();
    },
  };
}
