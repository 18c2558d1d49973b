// The queue's soak: the chaos run of test/queue/chaos.test.ts over many seeds, longer, outside `npm test`.
// `npm run soak:queue -- [seeds=10] [jobs=20] [chaos-seconds=20]`; DATABASE_URL or an embedded PostgreSQL.
// Needs the built package (the worker processes run it): `npm run build` first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChaos } from '../test/queue/chaos.js';
import { freshDatabase, startPostgres } from '../test/support/postgres.js';

const [seeds = 10, jobs = 20, chaosSeconds = 20] = process.argv.slice(2).map(Number);
const postgres = await startPostgres();
let failures = 0;
try {
  const databaseUrl = await freshDatabase(postgres.url, 'soak');
  for (let seed = 1; seed <= seeds; seed++) {
    const outDir = await mkdtemp(join(tmpdir(), 'evolink-wan-soak-'));
    const r = await runChaos({ seed, databaseUrl, outDir, jobs, workers: 3, chaosMs: chaosSeconds * 1000, leaseSeconds: 2 });
    await rm(outDir, { recursive: true, force: true });
    const perJob = [...r.tasksPerJob.values()];
    const completed = r.records.filter((x) => x.state === 'completed').length;
    const ok = completed === jobs && r.tasksPerJob.size === jobs && perJob.every((n) => n === 1) && r.badFiles.length === 0;
    if (!ok) failures++;
    console.log(
      `seed ${seed}: ${r.kills} kills, ${jobs} jobs, ${completed} completed, ${r.tasksPerJob.size} jobs with tasks, max ${Math.max(...perJob)} task(s) per job, ${r.creates} creates sent, ${r.badFiles.length} bad files${ok ? '' : '  FAILED'}`,
    );
  }
} finally {
  await postgres.stop();
}
console.log(failures === 0 ? `all ${seeds} seeds passed` : `${failures} of ${seeds} seeds FAILED`);
process.exit(failures === 0 ? 0 : 1);
