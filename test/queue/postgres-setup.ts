import type { TestProject } from 'vitest/node';
import { startPostgres } from '../support/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL the queue tests share (started once per run, only when a queue test runs). */
    postgresUrl: string;
  }
}

/** Starts one PostgreSQL for every queue test file of the run (each makes its own database on it). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const postgres = await startPostgres();
  if (process.env.EVOLINK_QUEUE_TIMING) console.log(`postgres ready in ${Date.now() - started} ms`);
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
