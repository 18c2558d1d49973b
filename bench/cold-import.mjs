// Cold start: `await import(x)` in a fresh Node process, for the SDK, zod alone (its largest dependency: the floor)
// and the peer SDKs. Rounds alternate the modules in a rotating order; figures are medians over rounds, with the
// interquartile range beside them. The machine is noisy (other work competes for its cores), so each row also shows
// the CPU time of the import (process.cpuUsage: time spent waiting for a core is not in it), as the median over rounds
// of its ratio to zod's in the same round.
// Run alone: `node bench/cold-import.mjs [rounds]` (after `npm run build`).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PEER_VERSIONS } from './peers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];

const SDK = pathToFileURL(join(root, 'dist', 'index.js')).href;
/**
 * The SDK's import leaves the client's engine and zod to first use; this row times the import plus that first use
 * (a client's engine and one model schema, built and run), so the total stays in view.
 */
const FIRST_USE = `new m.WanClient({ apiKey: 'sk-bench' }).tasks;
m.Wan27TextToVideoSchema.safeParse({ model: 'wan2.7-text-to-video', prompt: 'a cat' });`;

const MODULES = [
  { name: 'zod alone', specifier: 'zod' },
  { name: 'evolink-wan', specifier: SDK },
  { name: 'evolink-wan + first use', specifier: SDK, then: FIRST_USE },
  { name: `openai ${PEER_VERSIONS.openai}`, specifier: 'openai' },
  { name: `@runwayml/sdk ${PEER_VERSIONS['@runwayml/sdk']}`, specifier: '@runwayml/sdk' },
  { name: `replicate ${PEER_VERSIONS.replicate}`, specifier: 'replicate' },
];

/** Wall-clock and CPU milliseconds of one cold `import()` (and of `then`, code using the module `m`, when given). */
function importMs(specifier, then = '') {
  const code = `const c = process.cpuUsage(), t = performance.now(); const m = await import(${JSON.stringify(specifier)});
${then}
const wall = performance.now() - t, cpu = process.cpuUsage(c); console.log(wall, (cpu.user + cpu.system) / 1000);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  const [wall, cpu] = out.trim().split(' ').map(Number);
  return { wall, cpu };
}

/** Times each module's cold import over `rounds` alternating rounds. */
export function coldImport({ rounds = 25 } = {}) {
  const samples = MODULES.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < MODULES.length; k++) {
      const i = (round + k) % MODULES.length;
      samples[i].push(importMs(MODULES[i].specifier, MODULES[i].then));
    }
  }
  const rows = MODULES.map((m, i) => {
    const wall = samples[i].map((s) => s.wall);
    const cpuRatios = samples[i].map((s, round) => s.cpu / samples[0][round].cpu);
    return {
      module: m.name,
      ms: quantile(wall, 0.5),
      q1: quantile(wall, 0.25),
      q3: quantile(wall, 0.75),
      cpuVsZod: quantile(cpuRatios, 0.5),
    };
  });
  const zod = rows[0].ms;
  for (const row of rows) row.vsZod = row.ms / zod;
  const print = () => {
    console.log(`\nCold import, fresh process each (median of ${rounds} alternating rounds; ratio to zod alone; CPU-time ratio):`);
    for (const r of rows) {
      const spread = `(IQR ${r.q1.toFixed(1)}–${r.q3.toFixed(1)})`;
      console.log(
        `  ${r.module.padEnd(26)} ${r.ms.toFixed(1).padStart(6)} ms ${spread.padEnd(18)} ×${r.vsZod.toFixed(3)}   CPU ×${r.cpuVsZod.toFixed(3)}`,
      );
    }
  };
  return { rows, rounds, print };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) coldImport({ rounds: Number(process.argv[2] ?? 25) }).print();
