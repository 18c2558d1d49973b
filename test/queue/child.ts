import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { QueueEvent } from '../../src/queue/index.js';
import type { FakeEvoLinkServer } from '../../src/testing/index.js';

/** A worker process (test/queue/worker-child.ts) and the events it printed. */
export interface ChildWorker {
  process: ChildProcess;
  events: QueueEvent[];
  /** Resolves once an event matches. */
  until(match: (event: QueueEvent, all: QueueEvent[]) => boolean): Promise<void>;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts a worker process on the queue `name`, against the fake server. */
export function startChildWorker(options: {
  server: FakeEvoLinkServer;
  databaseUrl: string;
  name: string;
  outDir: string;
  leaseSeconds: number;
  concurrency?: number;
}): ChildWorker {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'worker-child.mjs')], {
    env: {
      ...process.env,
      FAKE_API_KEY: options.server.apiKey,
      FAKE_API_URL: options.server.url,
      QUEUE_DATABASE_URL: options.databaseUrl,
      QUEUE_NAME: options.name,
      QUEUE_OUT_DIR: options.outDir,
      QUEUE_LEASE_SECONDS: String(options.leaseSeconds),
      QUEUE_CONCURRENCY: String(options.concurrency ?? 4),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: QueueEvent[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    events.push(JSON.parse(line) as QueueEvent);
    for (const check of waiters) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    events,
    exited,
    until(match) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (events.some((e) => match(e, events))) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        void exited.then((code) => {
          if (waiters.delete(check)) reject(new Error(`the worker exited (${code}) before the awaited event`));
        });
        check();
      });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
