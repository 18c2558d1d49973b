// `npm run bench`: every performance figure of the SDK side by side, in one run, against baselines and peer SDKs
// measured in the same run (ratios, because the machine is noisy): per-call cost on loopback, start-up to the first create, the polling
// simulation (bench/polling.mjs, when present), heap per waiting task (bench/wait-memory.mjs, when present), 1,000
// concurrent waits against a naive poller, tarball and bundle size, judging a 100 MB clip (bench/media-check.mjs), the
// job queue on PostgreSQL (bench/queue.mjs runs scripts/queue-bench.ts, about a minute), uploading a 100 MB clip
// against a raw undici multipart stream (bench/upload.mjs), the CLI's start-up against `node -e 0`
// (bench/cli-start.mjs); then a summary against the goals. Asserts nothing.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { cliStart } from './cli-start.mjs';
import { firstCreate } from './first-create.mjs';
import { mediaCheck } from './media-check.mjs';
import { concurrentWaits } from './concurrent-waits.mjs';
import { perCallCost } from './per-call.mjs';
import { queueBench } from './queue.mjs';
import { sizeReport } from './size.mjs';
import { uploadThroughput } from './upload.mjs';

const started = performance.now();
const optional = async (file, name) => (existsSync(new URL(file, import.meta.url)) ? (await import(file))[name] : undefined);
const pollingSimulation = await optional('./polling.mjs', 'pollingSimulation');
const waitMemory = await optional('./wait-memory.mjs', 'waitMemory');

console.log(`evolink-wan benchmark — Node ${process.version}, ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), one run`);

/** Runs one section and says how long it took, so the whole run can be kept within about three minutes. */
async function section(run) {
  const t = performance.now();
  const result = await run();
  result?.print?.();
  console.log(`  [${((performance.now() - t) / 1000).toFixed(0)} s]`);
  return result;
}

const perCall = await section(() => perCallCost());
const start = await section(() => firstCreate());
const polling = pollingSimulation ? await section(() => pollingSimulation()) : undefined;
if (!polling) console.log('\n(polling simulation: bench/polling.mjs is not here; skipped)');
const memory = waitMemory
  ? await section(async () => {
      const m = await waitMemory();
      return {
        ...m,
        print: () =>
          console.log(
            `\n${m.waits} concurrent waits: ${(m.heapBytesPerWait / 1024).toFixed(2)} KB of heap per waiting task (median; min ${(m.heapBytesPerWaitMin / 1024).toFixed(2)} KB)`,
          ),
      };
    })
  : undefined;
const waits = await section(() => concurrentWaits());
const size = await section(() => sizeReport());
const media = await section(() => mediaCheck());
const queue = await section(() => queueBench());
const upload = await section(() => uploadThroughput());
const cli = await section(() => cliStart());

// The summary: each figure of the goals table, as measured above.
const x = (n) => `×${n.toFixed(2)}`;
const summary = [];
const goal = (figure, value, peers, target, met) =>
  summary.push({ figure, value, peers, target, met: met === undefined ? 'n/a' : met ? 'met' : 'NOT met' });
const row = (name) => perCall.rows.find((r) => r.client.startsWith(name));
const raw = perCall.rows[0];
for (const [method, label] of [
  ['get', 'tasks.get'],
  ['create', 'create'],
]) {
  const ratio = (r, key) => r[method][key] / raw[method][key];
  const sdk = row('evolink-wan');
  const peers = perCall.rows
    .slice(1)
    .filter((r) => r !== sdk)
    .map((r) => `${r.client.split(' ')[0]} ${x(ratio(r, 'cpuUs'))}`)
    .join(', ');
  goal(
    `per-call ${label} vs raw undici.request (CPU / wall)`,
    `${x(ratio(sdk, 'cpuUs'))} / ${x(ratio(sdk, 'wallUs'))}`,
    peers,
    '≤ ×1.25',
    ratio(sdk, 'cpuUs') <= 1.25,
  );
}
goal(
  'process start → first validated create, vs a floor script (zod + undici.request)',
  x(start.ratio),
  `floor ${start.rows[0].ms.toFixed(0)} ms`,
  '≤ ×1.35',
  start.ratio <= 1.35,
);
if (polling) {
  const find = (prefix) => polling.rows.find((r) => r.schedule.startsWith(prefix));
  const [withEta, noEta, runway] = [find('evolink-wan, estimate'), find('evolink-wan, no estimate'), find('Runway')];
  const peers = polling.rows
    .filter((r) => !r.schedule.startsWith('evolink-wan'))
    .map((r) => `${r.schedule.split(' ')[0]} ${r.lagMedianS.toFixed(1)} s/${r.pollsMean.toFixed(1)} polls`)
    .join(', ');
  if (withEta && runway) {
    goal(
      'detection lag, estimate on create (median, p95, polls vs Runway)',
      `${withEta.lagMedianS.toFixed(2)} s, ${withEta.lagP95S.toFixed(2)} s, ${x(withEta.pollsMean / runway.pollsMean)}`,
      peers,
      '≤ 1.5 s, ≤ 4 s, ≤ ×0.8',
      withEta.lagMedianS <= 1.5 && withEta.lagP95S <= 4 && withEta.pollsMean <= 0.8 * runway.pollsMean,
    );
  }
  if (noEta && runway) {
    goal(
      'detection lag, no estimate (median, polls vs Runway)',
      `${noEta.lagMedianS.toFixed(2)} s, ${x(noEta.pollsMean / runway.pollsMean)}`,
      `Runway ${runway.lagMedianS.toFixed(1)} s`,
      '≤ 2.5 s, ≤ ×1',
      noEta.lagMedianS <= 2.5 && noEta.pollsMean <= runway.pollsMean,
    );
  }
}
if (polling) {
  const held = polling.scenarios.filter((r) => r.holds);
  goal(
    'wait scenarios at least as good as a fixed 6 s poller (median lag and polls)',
    `${held.length} of ${polling.scenarios.length}`,
    polling.scenarios
      .filter((r) => !r.holds)
      .map((r) => `not: ${r.scenario}`)
      .join(', ') || 'every scenario',
    'all',
    held.length === polling.scenarios.length,
  );
}
const clean = (client) => waits.rows.find((r) => r.scenario === 'clean' && r.client === client);
const [sdkWaits, naiveWaits] = [clean('evolink-wan'), clean('naive fetch')];
goal(
  `heap per waiting task, ${waits.tasks} concurrent waits`,
  `${memory ? `${(memory.heapBytesPerWait / 1024).toFixed(1)} KB (wait-memory); ` : ''}${sdkWaits.kbPerWaitingTask.toFixed(1)} KB retained/job incl. the create`,
  `naive fetch ${naiveWaits.kbPerWaitingTask.toFixed(1)} KB retained/job`,
  '≤ 5 KB',
  memory ? memory.heapBytesPerWait <= 5 * 1024 : undefined,
);
goal(
  `sockets, ${waits.tasks} concurrent waits`,
  `${sdkWaits.sockets} (peak ${sdkWaits.peakSockets})`,
  `naive fetch ${naiveWaits.sockets}`,
  '≤ maxConnections (32)',
  sdkWaits.peakSockets <= 32,
);
goal(
  `CPU, ${waits.tasks} concurrent waits (clean)`,
  `${(sdkWaits.cpuMs / 1000).toFixed(2)} s`,
  `naive fetch ${(naiveWaits.cpuMs / 1000).toFixed(2)} s`,
  '—',
  undefined,
);

goal(
  'tarball (npm pack), packed',
  `${(size.pack.packed / 1000).toFixed(0)} KB`,
  `bundle of a create + wait ${(size.all.gz / 1000).toFixed(1)} KB gz (${(size.noUndici.gz / 1000).toFixed(1)} KB without undici)`,
  '≤ 600 KB',
  size.pack.packed <= 600_000,
);

goal(
  'edge build: bundle of a create + wait, gz (zod included)',
  `${(size.edge.gz / 1000).toFixed(1)} KB (${x(size.edge.gz / size.openai.gz)} openai-node); up front ${(size.edgeUpFront.gz / 1000).toFixed(1)} KB (${x(size.edgeUpFront.gz / size.openai.gz)})`,
  `openai-node ${(size.openai.gz / 1000).toFixed(1)} KB, Runway ${(size.runway.gz / 1000).toFixed(1)} KB`,
  '≤ 1.5× openai-node',
  size.edge.gz <= 1.5 * size.openai.gz,
);

const rssGrowth = (m) => m.peakRss - m.rssStart;
goal(
  'judging a 100 MB clip with its moov at the end (path / Blob): time, bytes read, peak RSS growth',
  [media.fromPath, media.fromBlob]
    .map((r, i) => {
      const m = i === 0 ? media.memory.path : media.memory.blob;
      return `${r.ms.toFixed(1)} ms, ${(r.bytes / 1024).toFixed(0)} KiB read, +${(rssGrowth(m) / 1e6).toFixed(1)} MB RSS`;
    })
    .join(' / '),
  `readFile of the clip: +${(rssGrowth(media.memory.readFile) / 1e6).toFixed(0)} MB RSS`,
  '≤ 1 MB read, ≤ 10 MB RSS growth',
  media.fromPath.bytes <= 1_048_576 &&
    media.fromBlob.bytes <= 1_048_576 &&
    rssGrowth(media.memory.path) <= 10e6 &&
    rssGrowth(media.memory.blob) <= 10e6,
);

const perMinute = (workers) => queue.throughput.find((r) => r.workers === workers).jobsPerMinute;
goal(
  'queue: jobs/min with 1, 2, 4 workers (1-s tasks, concurrency 4 each); scaling 4 vs 1',
  `${[1, 2, 4].map((w) => perMinute(w).toFixed(0)).join(' / ')}; ${x(perMinute(4) / perMinute(1))}`,
  `${Math.min(...queue.throughput.map((r) => r.queriesPerJob)).toFixed(1)}–${Math.max(...queue.throughput.map((r) => r.queriesPerJob)).toFixed(1)} PostgreSQL queries per job`,
  '≥ ×2 (2 cores)',
  perMinute(4) / perMinute(1) >= 2,
);
goal(
  'queue: task reads per task, callback vs polling (8-s tasks)',
  `${queue.polls.callback.polls.toFixed(2)} vs ${queue.polls.polling.polls.toFixed(2)}: ${x(queue.polls.callback.polls / queue.polls.polling.polls)}`,
  '—',
  '≤ ×0.5',
  queue.polls.callback.polls <= 0.5 * queue.polls.polling.polls,
);
const { call: uploadCall, files: filesUpload } = upload;
goal(
  `uploading a ${(upload.size / 1e6).toFixed(0)} MB clip, throughput vs a raw undici multipart stream doing the same work (call's local media / files.upload)`,
  `${x(uploadCall.ratio)} / ${x(filesUpload.ratio)}`,
  `raw ${upload.raw.mbPerS.toFixed(0)} MB/s`,
  '≥ ×0.95',
  uploadCall.ratio >= 0.95 && filesUpload.ratio >= 0.95,
);
const [nodeStart, help, version, usage, invalid, zodFloor] = cli.rows;
goal(
  'CLI start: --help / --version / usage error, vs node -e 0',
  `${x(help.ratio)} / ${x(version.ratio)} / ${x(usage.ratio)}`,
  `node -e 0 ${nodeStart.ms.toFixed(0)} ms`,
  '≤ ×1.5',
  Math.max(help.ratio, version.ratio, usage.ratio) <= 1.5,
);
goal(
  'CLI start: a model-parameter validation error, vs node -e 0',
  x(invalid.ratio),
  `importing zod alone ${x(zodFloor.ratio)}`,
  '—',
  undefined,
);

console.log('\nSummary (one run on this machine; every ratio against a baseline measured in the same run):');
const widths = ['figure', 'value', 'peers', 'target'].map((k) => Math.max(k.length, ...summary.map((s) => s[k].length)));
const line = (s) =>
  `  ${s.figure.padEnd(widths[0])}  ${s.value.padEnd(widths[1])}  ${s.target.padEnd(widths[3])}  ${s.met.padEnd(7)}  ${s.peers}`;
console.log(line({ figure: 'figure', value: 'evolink-wan', peers: 'peers / floor', target: 'goal', met: '' }));
for (const s of summary) console.log(line(s));
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
