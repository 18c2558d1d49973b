// Cold start: `await import(x)` in a fresh Node process, for the SDK, zod alone (its largest dependency: the floor)
// and the peer SDKs. Rounds alternate the modules in a rotating order; figures are medians over rounds.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PEER_VERSIONS } from './peers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const MODULES = [
  { name: 'zod alone', specifier: 'zod' },
  { name: 'evolink-wan', specifier: pathToFileURL(join(root, 'dist', 'index.js')).href },
  { name: `openai ${PEER_VERSIONS.openai}`, specifier: 'openai' },
  { name: `@runwayml/sdk ${PEER_VERSIONS['@runwayml/sdk']}`, specifier: '@runwayml/sdk' },
  { name: `replicate ${PEER_VERSIONS.replicate}`, specifier: 'replicate' },
];

function importMs(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }).trim());
}

/** Times each module's cold import over `rounds` alternating rounds. */
export function coldImport({ rounds = 15 } = {}) {
  const samples = MODULES.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < MODULES.length; k++) {
      const i = (round + k) % MODULES.length;
      samples[i].push(importMs(MODULES[i].specifier));
    }
  }
  const rows = MODULES.map((m, i) => ({ module: m.name, ms: median(samples[i]) }));
  const zod = rows[0].ms;
  for (const row of rows) row.vsZod = row.ms / zod;
  const print = () => {
    console.log(`\nCold import, fresh process each (median of ${rounds} alternating rounds; ratio to zod alone):`);
    for (const r of rows) console.log(`  ${r.module.padEnd(24)} ${r.ms.toFixed(1).padStart(6)} ms  ×${r.vsZod.toFixed(2)}`);
  };
  return { rows, rounds, print };
}
