import type PgBoss from 'pg-boss';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Task } from '../tasks/task.js';
import { bossJobId } from './job-key.js';
import type { QueueDeps } from './load-deps.js';
import { CALLBACK_CHANNEL, checkIdentifier, schemaStatements } from './schema.js';
import type { JobStore, NewJob, SubmitClaim, TakenJob } from './store.js';
import type { JobState, QueueStatus, StoredJob } from './types.js';

/** How the pg-boss queue behind a job queue is set up. */
export interface PgStoreOptions {
  /** A pool of your own (closed by you), or a connection string (the store makes a pool and closes it). */
  pool?: Pool | undefined;
  connectionString?: string | undefined;
  name: string;
  /** Schema of the queue's own tables. @default 'evolink_queue' */
  schema?: string | undefined;
  /** Schema of pg-boss's tables. @default 'pgboss' */
  bossSchema?: string | undefined;
  /** Seconds without a heartbeat after which a worker's job is taken over by another. @default 60 */
  leaseSeconds?: number | undefined;
  /** Seconds between pg-boss's maintenance runs (which hand expired leases back). @default 10 */
  maintenanceSeconds?: number | undefined;
  /** Seconds before a released job may be taken again. @default 1 */
  retryDelaySeconds?: number | undefined;
}

const SETTLED: ReadonlySet<JobState> = new Set(['completed', 'failed', 'held']);

interface JobRow extends QueryResultRow {
  id: string;
  model: string;
  params: string;
  tag: string | null;
  idempotency_key: string;
  destination: string | null;
  uploads_expire_at: Date | null;
  state: JobState;
  task_id: string | null;
  attempts: number;
  reason: string | null;
  location: string | null;
  bytes: string | null;
  updated_at: Date;
}

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    model: row.model,
    paramsJson: row.params,
    tag: row.tag ?? undefined,
    idempotencyKey: row.idempotency_key,
    destination: row.destination ?? undefined,
    uploadsExpireAt: row.uploads_expire_at ?? undefined,
    state: row.state,
    taskId: row.task_id ?? undefined,
    attempts: row.attempts,
    reason: row.reason ?? undefined,
    location: row.location ?? undefined,
    bytes: row.bytes === null ? undefined : Number(row.bytes),
    updatedAt: row.updated_at,
  };
}

/**
 * The job store on PostgreSQL: pg-boss leases the jobs (`SKIP LOCKED` rows, expiry, retries) and the queue's own
 * table holds each job's key, state, task id and result, changed by single statements (or one transaction) so that
 * whatever process dies when, the row says what was done.
 */
export class PgJobStore implements JobStore {
  readonly #pool: Pool;
  readonly #ownPool: boolean;
  readonly #boss: PgBoss;
  readonly #name: string;
  readonly #s: string;
  readonly #bossSchema: string;
  #roundTrips = 0;

  private constructor(pool: Pool, ownPool: boolean, boss: PgBoss, name: string, schema: string, bossSchema: string) {
    this.#pool = pool;
    this.#ownPool = ownPool;
    this.#boss = boss;
    this.#name = name;
    this.#s = schema;
    this.#bossSchema = bossSchema;
  }

  /** Connects, creates the tables and the pg-boss queue when missing, and starts pg-boss's maintenance. */
  static async open(deps: QueueDeps, options: PgStoreOptions): Promise<PgJobStore> {
    const schema = options.schema ?? 'evolink_queue';
    const bossSchema = options.bossSchema ?? 'pgboss';
    checkIdentifier('schema', schema);
    checkIdentifier('bossSchema', bossSchema);
    const ownPool = options.pool === undefined;
    const pool = options.pool ?? new deps.Pool({ connectionString: options.connectionString, max: 10 });
    // An idle connection that PostgreSQL drops (a restart, a failover, an administrator) is an 'error' event on the
    // pool, which would crash the process without a listener; the pool replaces the connection on the next query.
    if (ownPool) pool.on('error', () => {});
    let store: PgJobStore | undefined;
    const boss = new deps.PgBoss({
      db: { executeSql: (text, values) => store!.#query(text, values) },
      schema: bossSchema,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 10,
    });
    store = new PgJobStore(pool, ownPool, boss, options.name, schema, bossSchema);
    // pg-boss reports background failures (maintenance) as events; without a listener one would crash the process.
    boss.on('error', () => {});
    try {
      // Set-up runs once at a time per database: pg-boss's first start creates its schema, and two processes opening
      // a fresh database at once would both try. The lock is held by one connection while pg-boss uses others.
      const lock = await pool.connect();
      try {
        await lock.query(`SELECT pg_advisory_lock(hashtext('evolink-wan queue schema'))`);
        await store.#transaction(async (q) => {
          for (const statement of schemaStatements(schema)) await q(statement);
          await q(`INSERT INTO ${schema}.queue (name) VALUES ($1) ON CONFLICT DO NOTHING`, [options.name]);
        });
        await boss.start();
        const existing = await boss.getQueue(options.name);
        const settings = {
          name: options.name,
          retryLimit: 1_000_000,
          retryDelay: options.retryDelaySeconds ?? 1,
          retryBackoff: false,
          expireInSeconds: options.leaseSeconds ?? 60,
        };
        if (!existing) await boss.createQueue(options.name, settings);
        else await boss.updateQueue(options.name, settings);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext('evolink-wan queue schema'))`).catch(() => {});
        lock.release();
      }
    } catch (error) {
      await boss.stop({ graceful: false, wait: false }).catch(() => {});
      if (ownPool) await pool.end().catch(() => {});
      throw error;
    }
    return store;
  }

  get roundTrips(): number {
    return this.#roundTrips;
  }

  async #query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[], client?: PoolClient): Promise<{ rows: R[] }> {
    this.#roundTrips++;
    return (client ?? this.#pool).query<R>(text, values);
  }

  async #transaction<T>(
    body: (q: <R extends QueryResultRow>(text: string, values?: unknown[]) => Promise<{ rows: R[] }>) => Promise<T>,
  ): Promise<T> {
    const client = await this.#pool.connect();
    const q = <R extends QueryResultRow>(text: string, values?: unknown[]) => this.#query<R>(text, values, client);
    try {
      await q('BEGIN');
      const result = await body(q);
      await q('COMMIT');
      return result;
    } catch (error) {
      await q('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async add(jobs: NewJob[]): Promise<string[]> {
    if (jobs.length === 0) return [];
    return this.#transaction(async (q) => {
      const rows = jobs.map((j) => ({
        id: j.id,
        model: j.model,
        params: j.paramsJson,
        tag: j.tag ?? null,
        idempotency_key: j.idempotencyKey,
        destination: j.destination ?? null,
        uploads_expire_at: j.uploadsExpireAt?.toISOString() ?? null,
      }));
      const { rows: added } = await q<{ id: string }>(
        `INSERT INTO ${this.#s}.job (queue, id, model, params, tag, idempotency_key, destination, uploads_expire_at)
         SELECT $1, x.id, x.model, x.params, x.tag, x.idempotency_key, x.destination, x.uploads_expire_at
         FROM jsonb_to_recordset($2::jsonb) AS x(ord int, id text, model text, params text, tag text, idempotency_key text, destination text, uploads_expire_at timestamptz)
         ORDER BY x.ord
         ON CONFLICT (queue, id) DO NOTHING RETURNING id`,
        [this.#name, JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))],
      );
      const ids = added.map((r) => r.id);
      if (ids.length) {
        // In the same transaction: a job is in the table exactly when pg-boss has its lease record.
        await this.#boss.insert(
          ids.map((id) => ({ id: bossJobId(this.#name, id), name: this.#name, data: { id } })),
          { db: { executeSql: (text, values) => q(text, values) } },
        );
      }
      return ids;
    });
  }

  async take(limit: number): Promise<TakenJob[]> {
    const leased = await this.#boss.fetch<{ id: string }>(this.#name, { batchSize: limit });
    if (leased.length === 0) return [];
    const { rows } = await this.#query<JobRow>(`SELECT * FROM ${this.#s}.job WHERE queue = $1 AND id = ANY($2::text[])`, [
      this.#name,
      leased.map((l) => l.data.id),
    ]);
    const byId = new Map(rows.map((r) => [r.id, toJob(r)]));
    const taken: TakenJob[] = [];
    for (const l of leased) {
      const job = byId.get(l.data.id);
      if (job) taken.push({ job, lease: l.id });
      // A lease without its row (the row was deleted by hand): nothing to do for it.
      else await this.#boss.complete(this.#name, l.id);
    }
    return taken;
  }

  async heartbeat(leases: string[]): Promise<number> {
    // pg-boss 10 has no heartbeat: a lease expires `expire_in` after `started_on`, so a live worker moves
    // `started_on` forward. The pause comes back in the same round trip.
    const { rows } = await this.#query<{ paused: string | null }>(
      `WITH touched AS (
         UPDATE ${this.#bossSchema}.job SET started_on = now()
         WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active' RETURNING 1
       )
       SELECT (extract(epoch FROM paused_until) * 1000)::bigint AS paused FROM ${this.#s}.queue, (SELECT count(*) FROM touched) t WHERE name = $1`,
      [this.#name, leases],
    );
    return Number(rows[0]?.paused ?? 0);
  }

  async claimSubmit(id: string, modelLimit: number | undefined): Promise<SubmitClaim> {
    const mark = async (
      q: <R extends QueryResultRow>(text: string, values?: unknown[]) => Promise<{ rows: R[] }>,
    ): Promise<SubmitClaim> => {
      const { rows } = await q<JobRow>(
        `UPDATE ${this.#s}.job SET state = 'submitting', attempts = attempts + 1, updated_at = now()
         WHERE queue = $1 AND id = $2 AND state IN ('queued', 'submitting') RETURNING *`,
        [this.#name, id],
      );
      return rows[0] ? { ok: true, job: toJob(rows[0]) } : { ok: false, reason: 'settled' };
    };
    if (modelLimit === undefined) return mark((text, values) => this.#query(text, values));
    return this.#transaction(async (q) => {
      // One claimer per queue and model at a time, across machines: the count and the mark are one decision.
      const { rows } = await q(
        `SELECT pg_advisory_xact_lock(hashtext($1 || '/' || model)) FROM ${this.#s}.job WHERE queue = $1 AND id = $2`,
        [this.#name, id],
      );
      const { rows: again } = await q<{ busy: string }>(
        `SELECT count(*) AS busy FROM ${this.#s}.job o, ${this.#s}.job j
         WHERE j.queue = $1 AND j.id = $2 AND o.queue = $1 AND o.model = j.model AND o.state IN ('submitting', 'submitted') AND o.id <> $2`,
        [this.#name, id],
      );
      if (!rows[0]) return { ok: false, reason: 'settled' };
      if (Number(again[0]?.busy ?? 0) >= modelLimit) return { ok: false, reason: 'model-busy' };
      return mark(q);
    });
  }

  async recordTask(id: string, taskId: string): Promise<void> {
    await this.#query(
      `UPDATE ${this.#s}.job SET state = 'submitted', task_id = $3, updated_at = now()
       WHERE queue = $1 AND id = $2 AND state IN ('submitting', 'submitted')`,
      [this.#name, id, taskId],
    );
  }

  async complete(id: string, result: { location: string; bytes: number | undefined }): Promise<boolean> {
    const { rows } = await this.#query(
      `UPDATE ${this.#s}.job SET state = 'completed', location = $3, bytes = $4, reason = NULL, updated_at = now()
       WHERE queue = $1 AND id = $2 AND state = 'submitted' RETURNING 1`,
      [this.#name, id, result.location, result.bytes ?? null],
    );
    return rows.length > 0;
  }

  async settle(id: string, state: 'failed' | 'held', reason: string, taskId?: string): Promise<void> {
    await this.#query(
      `UPDATE ${this.#s}.job SET state = $3, reason = $4, task_id = COALESCE($5, task_id), updated_at = now()
       WHERE queue = $1 AND id = $2 AND state <> 'completed'`,
      [this.#name, id, state, reason, taskId ?? null],
    );
  }

  async refundAttempt(id: string): Promise<void> {
    await this.#query(`UPDATE ${this.#s}.job SET attempts = GREATEST(attempts - 1, 0) WHERE queue = $1 AND id = $2`, [this.#name, id]);
  }

  async release(lease: string, id: string): Promise<'done' | 'retry'> {
    const { rows } = await this.#query<{ state: JobState }>(`SELECT state FROM ${this.#s}.job WHERE queue = $1 AND id = $2`, [
      this.#name,
      id,
    ]);
    const state = rows[0]?.state;
    if (state === undefined || SETTLED.has(state)) {
      await this.#boss.complete(this.#name, lease);
      return 'done';
    }
    await this.#boss.fail(this.#name, lease, { released: true });
    return 'retry';
  }

  async pause(ms: number): Promise<void> {
    await this.#query(
      `UPDATE ${this.#s}.queue SET paused_until = GREATEST(COALESCE(paused_until, now()), now() + $2 * interval '1 millisecond') WHERE name = $1`,
      [this.#name, Math.ceil(ms)],
    );
  }

  async recordCallback(task: Task): Promise<void> {
    await this.#query(
      `WITH stored AS (
         INSERT INTO ${this.#s}.callback (task_id, task) VALUES ($1, $2::jsonb)
         ON CONFLICT (task_id) DO UPDATE SET task = excluded.task, received_at = now() RETURNING task_id
       )
       SELECT pg_notify($3, task_id) FROM stored`,
      [task.id, JSON.stringify(task), CALLBACK_CHANNEL],
    );
  }

  async callbackFor(taskId: string): Promise<Task | undefined> {
    const { rows } = await this.#query<{ task: Task }>(`SELECT task FROM ${this.#s}.callback WHERE task_id = $1`, [taskId]);
    return rows[0]?.task;
  }

  async onCallback(listener: (taskId: string) => void): Promise<() => Promise<void>> {
    const client = await this.#pool.connect();
    client.on('notification', (message) => {
      if (message.channel === CALLBACK_CHANNEL && message.payload) listener(message.payload);
    });
    // A dropped connection only ends the shortcut: waits fall back to polling.
    client.on('error', () => {});
    await this.#query(`LISTEN ${CALLBACK_CHANNEL}`, [], client);
    return async () => {
      await this.#query(`UNLISTEN ${CALLBACK_CHANNEL}`, [], client).catch(() => {});
      client.release();
    };
  }

  async modelLimits(): Promise<Record<string, number>> {
    const { rows } = await this.#query<{ model_limits: Record<string, number> }>(
      `SELECT model_limits FROM ${this.#s}.queue WHERE name = $1`,
      [this.#name],
    );
    return rows[0]?.model_limits ?? {};
  }

  async setModelLimits(limits: Record<string, number>): Promise<void> {
    await this.#query(`UPDATE ${this.#s}.queue SET model_limits = $2::jsonb WHERE name = $1`, [this.#name, JSON.stringify(limits)]);
  }

  async status(): Promise<QueueStatus> {
    const { rows: counts } = await this.#query<{ state: JobState; n: string }>(
      `SELECT state, count(*) AS n FROM ${this.#s}.job WHERE queue = $1 GROUP BY state`,
      [this.#name],
    );
    const { rows: problems } = await this.#query<{ id: string; state: 'failed' | 'held'; reason: string | null; task_id: string | null }>(
      `SELECT id, state, reason, task_id FROM ${this.#s}.job WHERE queue = $1 AND state IN ('failed', 'held') ORDER BY seq`,
      [this.#name],
    );
    const { rows: pause } = await this.#query<{ paused: string | null }>(
      `SELECT (extract(epoch FROM paused_until) * 1000)::bigint AS paused FROM ${this.#s}.queue WHERE name = $1 AND paused_until > now()`,
      [this.#name],
    );
    const n = (...states: JobState[]): number => counts.filter((c) => states.includes(c.state)).reduce((sum, c) => sum + Number(c.n), 0);
    return {
      queued: n('queued'),
      active: n('submitting', 'submitted'),
      completed: n('completed'),
      failed: n('failed'),
      held: n('held'),
      problems: problems.map((p) => ({ id: p.id, state: p.state, reason: p.reason ?? '', taskId: p.task_id ?? undefined })),
      pausedUntil: pause[0]?.paused ? Number(pause[0].paused) : undefined,
    };
  }

  async jobs(): Promise<StoredJob[]> {
    const { rows } = await this.#query<JobRow>(`SELECT * FROM ${this.#s}.job WHERE queue = $1 ORDER BY seq`, [this.#name]);
    return rows.map(toJob);
  }

  async close(): Promise<void> {
    await this.#boss.stop({ graceful: false, wait: true, close: false }).catch(() => {});
    if (this.#ownPool) await this.#pool.end();
  }
}
