// Start-up of the `evolink-wan` bin: the wall time of a fresh process for `--help`, `--version`, a usage error (a
// mistyped command, found from argv alone) and a validation error of a model parameter (which needs the model's zod
// schema), against `node -e 0` and against a process that only imports zod, in the same run. Rounds alternate the
// commands (in a rotating order); figures are medians, and each ratio the median of the per-round ratios to
// `node -e 0`. Run alone: `npm run build && node bench/cli-start.mjs [rounds]`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'cli.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Each row: a label and the arguments of `node`. The first is the baseline. */
const ROWS = [
  ['node -e 0', ['-e', '0']],
  ['evolink-wan --help', [bin, '--help']],
  ['evolink-wan --version', [bin, '--version']],
  ['evolink-wan t2x (usage error)', [bin, 't2x', '--prompt', 'a typo of t2v']],
  ['evolink-wan t2v --duration 99 (validation error)', [bin, 't2v', '--prompt', 'A cat', '--duration', '99']],
  ['node -e "import(\'zod\')" (floor of the line above)', ['--input-type=module', '-e', "await import('zod')"]],
];

function wallMs(args) {
  const started = performance.now();
  // The key is set so that the validation error is the model's, not a missing key; nothing is sent.
  spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env: { ...process.env, EVOLINK_API_KEY: 'sk-bench-sends-nothing' } });
  return performance.now() - started;
}

/** Times every row over `rounds` rounds, after one warm-up run of each (the file cache). */
export async function cliStart({ rounds = 15 } = {}) {
  const samples = ROWS.map(() => []);
  for (const [, args] of ROWS) wallMs(args);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < ROWS.length; k++) {
      const i = (round + k) % ROWS.length;
      samples[i].push(wallMs(ROWS[i][1]));
    }
  }
  const rows = ROWS.map(([name], i) => ({
    name,
    ms: median(samples[i]),
    ratio: median(samples[i].map((ms, r) => ms / samples[0][r])),
  }));
  return {
    rows,
    rounds,
    print() {
      console.log(`\nCLI start-up, a fresh process each (median of ${rounds} rotating rounds; ratio to node -e 0, per round)`);
      for (const r of rows) console.log(`  ${r.name.padEnd(52)} ${r.ms.toFixed(0).padStart(5)} ms  ×${r.ratio.toFixed(2)}`);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) (await cliStart({ rounds: Number(process.argv[2] ?? 15) })).print();
