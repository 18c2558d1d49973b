import { defineConfig } from 'vitest/config';

/** Files that need a process of their own: they observe state the first import of the SDK or of zod leaves behind. */
const FRESH_PROCESS = ['test/models/lazy-schemas.test.ts', 'test/transport/fake-timers-first-call.test.ts'];

/** Tests that run against PostgreSQL (test/queue/postgres-setup.ts starts it). */
const QUEUE = ['test/queue/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Several files at once even on 2 cores: the heavy ones mostly wait (on child processes, sockets, poll delays).
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...FRESH_PROCESS, ...QUEUE],
          // Files share a worker's module graph: importing the SDK once per worker, not once per file, was most of the
          // suite's CPU time. Every file restores what it changes (timers, globals, dispatchers).
          isolate: false,
          // The type tests, and `tsc --noEmit -p tsconfig.json` over the whole project (src, test, examples, bench,
          // scripts; examples against the built types): an error in any file fails the run (typecheck.ignoreSourceErrors
          // is off). This is npm test's typecheck step.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      { extends: true, test: { name: 'fresh-process', include: FRESH_PROCESS, isolate: true } },
      // The queue's tests share one real PostgreSQL, started only when one of them runs.
      { extends: true, test: { name: 'queue', include: QUEUE, isolate: false, globalSetup: ['test/queue/postgres-setup.ts'] } },
    ],
  },
});
