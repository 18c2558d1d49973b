// Start-up: the time from process start to the first validated create on the wire and its answer, in a fresh Node
// process each, against a floor script that does the least any client must (import zod and undici, build one zod
// object schema, parse the parameters, `undici.request` the POST). The API answers from its own process
// (api-server.mjs). Rounds alternate the two; figures are medians, with the interquartile range, plus the median of
// the per-round ratio (each round's two runs saw the same machine load).
// Run alone: `node bench/first-create.mjs [rounds]` (after `npm run build`).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
const SDK = pathToFileURL(join(root, 'dist', 'index.js')).href;

/** Each script prints `performance.now()` (milliseconds since the process started) once the create has answered. */
const SCRIPTS = {
  floor: (url) => `import * as z from 'zod';
import { request } from 'undici';
const schema = z.strictObject({ model: z.literal('wan2.7-text-to-video'), prompt: z.string().min(1).max(5000), duration: z.number().int().min(2).max(15).optional() });
const body = JSON.stringify(schema.parse({ model: 'wan2.7-text-to-video', prompt: 'A cat playing piano' }));
const res = await request(${JSON.stringify(`${url}/v1/videos/generations`)}, { method: 'POST', headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' }, body });
await res.body.json();
console.log(performance.now());`,
  'evolink-wan': (url) => `import { WanClient } from ${JSON.stringify(SDK)};
const client = new WanClient({ apiKey: 'sk-bench', baseURL: ${JSON.stringify(url)} });
await client.textToVideo({ prompt: 'A cat playing piano' });
console.log(performance.now());
await client.close();`,
};

function startMs(script) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return Number(out.trim().split('\n')[0]);
}

/** Times both scripts over `rounds` alternating rounds against one API process. */
export async function firstCreate({ rounds = 25 } = {}) {
  const api = spawn(process.execPath, [join(root, 'bench', 'api-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await once(api.stdout, 'data');
  const url = String(line).trim();
  const names = Object.keys(SCRIPTS);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) samples[name].push(startMs(SCRIPTS[name](url)));
    }
  } finally {
    api.stdin.end();
    api.kill();
  }
  const ratios = samples['evolink-wan'].map((ms, i) => ms / samples.floor[i]);
  const rows = names.map((name) => ({
    script: name,
    ms: quantile(samples[name], 0.5),
    q1: quantile(samples[name], 0.25),
    q3: quantile(samples[name], 0.75),
  }));
  const ratio = quantile(ratios, 0.5);
  const print = () => {
    console.log(`\nProcess start → first validated create answered, fresh process each (median of ${rounds} alternating rounds):`);
    for (const r of rows)
      console.log(`  ${r.script.padEnd(12)} ${r.ms.toFixed(1).padStart(6)} ms (IQR ${r.q1.toFixed(1)}–${r.q3.toFixed(1)})`);
    console.log(`  evolink-wan / floor: ×${ratio.toFixed(3)} (median of per-round ratios)`);
  };
  return { rows, rounds, ratio, print };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) (await firstCreate({ rounds: Number(process.argv[2] ?? 25) })).print();
