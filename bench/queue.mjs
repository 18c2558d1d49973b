// The job queue's figures (scripts/queue-bench.ts, also `npm run bench:queue`): jobs/min with 1, 2 and 4 workers on an
// embedded PostgreSQL, PostgreSQL queries per job, task reads per task by polling and by callback. It runs in a
// process of its own (TypeScript through tsx, a PostgreSQL to start) and hands its figures over as a JSON file.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function queueBench() {
  console.log('\nJob queue (scripts/queue-bench.ts; alone: npm run bench:queue)');
  const dir = await mkdtemp(join(tmpdir(), 'evolink-wan-bench-queue-'));
  try {
    const file = join(dir, 'queue.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/queue-bench.ts', '--json', file], { cwd: root, stdio: 'inherit' });
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`scripts/queue-bench.ts exited with ${code}`);
    return JSON.parse(await readFile(file, 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
