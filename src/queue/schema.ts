import { InvalidOptionError } from '../errors/index.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name as given, checked to be a plain lower-case SQL identifier (it is written into statements). */
export function checkIdentifier(option: string, value: string): string {
  if (!IDENTIFIER.test(value)) {
    throw new InvalidOptionError(
      option,
      `${option} must be a lower-case SQL identifier (letters, digits, _); got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** The queue's own tables (beside pg-boss's schema), created once per database, under an advisory lock. */
export function schemaStatements(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    // One row per job: its key before its create, its task id with the state that says the create was answered.
    `CREATE TABLE IF NOT EXISTS ${schema}.job (
      queue text NOT NULL,
      id text NOT NULL,
      seq bigserial,
      model text NOT NULL,
      params text NOT NULL,
      tag text,
      idempotency_key text NOT NULL,
      destination text,
      uploads_expire_at timestamptz,
      state text NOT NULL DEFAULT 'queued',
      task_id text,
      attempts integer NOT NULL DEFAULT 0,
      reason text,
      location text,
      bytes bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (queue, id)
    )`,
    `CREATE INDEX IF NOT EXISTS job_task_id ON ${schema}.job (task_id)`,
    `CREATE INDEX IF NOT EXISTS job_in_flight ON ${schema}.job (queue, model) WHERE state IN ('submitting', 'submitted')`,
    // Per queue: the shared rate-limit pause and the queue-wide limits per model.
    `CREATE TABLE IF NOT EXISTS ${schema}.queue (
      name text PRIMARY KEY,
      paused_until timestamptz,
      model_limits jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    // Verified callbacks by task id (a callback may arrive before its worker stored the task id).
    `CREATE TABLE IF NOT EXISTS ${schema}.callback (
      task_id text PRIMARY KEY,
      task jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`,
  ];
}

/** The channel `recordCallback` notifies on (payload: the task id). */
export const CALLBACK_CHANNEL = 'evolink_queue_callback';
