// `npm run demo`: runs every example end to end. Without EVOLINK_API_KEY they run against the built-in fake EvoLink
// server (free, offline); with it they run against the real API (this creates real, billed tasks).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).sort();
const env = { ...process.env };
let server;
if (!env.EVOLINK_API_KEY) {
  const { FakeEvoLinkServer } = await import(join(root, 'dist', 'testing.js'));
  // Tasks finish 2 s after creation, like a (very fast) real job, and say so in task_info.estimated_time.
  server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 2000 }) });
  env.EVOLINK_API_KEY = server.apiKey;
  env.EVOLINK_BASE_URL = server.url;
  console.log(`EVOLINK_API_KEY is not set: running the examples against the fake EvoLink server at ${server.url}\n`);
} else {
  console.log('EVOLINK_API_KEY is set: running the examples against the real EvoLink API (billed)\n');
}
/** Runs one example; resolves with its exit status and its output, kept whole so that parallel runs do not interleave. */
function run(file) {
  // Asynchronous on purpose: the fake server runs in this process and must keep answering.
  const child = spawn(process.execPath, ['--import', 'tsx', join('examples', file)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ file, status, output })));
}

// Against the fake server the examples run side by side (they share nothing but the server); against the real API one
// at a time, as a person would try them.
const runs = server ? examples.map(run) : [];
let failed = 0;
for (const [i, file] of examples.entries()) {
  console.log(`=== examples/${file}`);
  const { status, output } = await (server ? runs[i] : run(file));
  process.stdout.write(output);
  if (status !== 0) {
    failed++;
    console.log(`!!! examples/${file} exited with ${status}`);
  }
  console.log('');
}
await server?.close();
console.log(`${examples.length - failed} examples passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
