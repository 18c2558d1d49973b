import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createJobQueue, type JobQueue, type JobQueueOptions } from '../../src/queue/index.js';
import type { FakeEvoLinkServer } from '../../src/testing/index.js';
import { freshDatabase } from '../support/postgres.js';

let database: Promise<string> | undefined;
/** This test file's own database on the shared PostgreSQL (made on first use). */
export function databaseUrl(): Promise<string> {
  database ??= freshDatabase(inject('postgresUrl'));
  return database;
}

const opened: JobQueue[] = [];
const dirs: string[] = [];
/**
 * Closes the queues and removes the directories made so far. Each file registers it (`afterAll(cleanUp)`): the queue
 * project shares modules between files (isolate: false), so a hook registered here would run for the first file only.
 */
export async function cleanUp(): Promise<void> {
  await Promise.all(opened.splice(0).map((q) => q.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

let counter = 0;
/** A queue with a name of its own in this file's database; closed by {@link cleanUp}. */
export async function openQueue(options: Partial<JobQueueOptions> = {}): Promise<JobQueue> {
  const queue = await createJobQueue({
    connectionString: await databaseUrl(),
    name: `q${process.pid}-${++counter}`,
    leaseSeconds: 30,
    ...options,
  });
  opened.push(queue);
  return queue;
}

/** A temporary directory, removed by {@link cleanUp}. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'evolink-wan-queue-'));
  dirs.push(dir);
  return dir;
}

/** Tasks the fake created, grouped by the job their prompt names (`job:<id>`). */
export function tasksPerJob(server: FakeEvoLinkServer): Map<string, string[]> {
  const byJob = new Map<string, string[]>();
  for (const task of server.tasks.values()) {
    const job = String(task.body.prompt).replace(/^job:/, '');
    byJob.set(job, [...(byJob.get(job) ?? []), task.id]);
  }
  return byJob;
}
