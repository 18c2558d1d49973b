// `npm run demo`: runs every example end to end; examples/image-file-to-video.ts turns examples/assets/cat.jpg into a
// video saved as out/cat.mp4 (with the fake server: a real 2-second MP4). Without EVOLINK_API_KEY they run against the
// built-in fake EvoLink server, and without NOVITA_API_KEY the novita example runs against the built-in fake novita
// server (free, offline); with a key they run against the real API (this creates real, billed tasks).
// It also runs the command line, as `npx evolink-wan` runs it. Against the fake servers the examples run side by side
// in the background, compiled once with esbuild (tsx in each of a dozen processes cost more CPU than the examples),
// while the command line runs first in the foreground, its output live; then each example's output is printed whole,
// in file order.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileToMjs } from './compile-mjs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.ts'))
  .sort();
const env = { ...process.env };
const testing = await import(join(root, 'dist', 'testing.js'));
// Tasks finish 2 s after creation, like a (very fast) real job, and say so in task_info.estimated_time.
const plan = () => ({ outcome: { status: 'completed' }, durationMs: 2000 });
const gateways = [
  { name: 'EvoLink', prefix: 'EVOLINK', Fake: testing.FakeEvoLinkServer },
  { name: 'novita', prefix: 'NOVITA', Fake: testing.FakeNovitaServer },
];
const servers = [];
for (const { name, prefix, Fake } of gateways) {
  if (env[`${prefix}_API_KEY`]) {
    console.log(`${prefix}_API_KEY is set: running against the real ${name} API (billed)`);
    continue;
  }
  const server = await Fake.start({ plan });
  servers.push(server);
  env[`${prefix}_API_KEY`] = server.apiKey;
  env[`${prefix}_BASE_URL`] = server.url;
  if (server.filesUrl) env.EVOLINK_FILES_BASE_URL = server.filesUrl;
  console.log(`${prefix}_API_KEY is not set: running against the fake ${name} server at ${server.url}`);
}
console.log('');

const demoDir = join(root, '.tmp', 'demo');
rmSync(demoDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });
const jsDir = join(demoDir, 'examples');
compileToMjs(
  {
    ...Object.fromEntries(examples.map((file) => [file.replace(/\.ts$/, ''), join(root, 'examples', file)])),
    postgres: join(root, 'test', 'support', 'postgres.ts'),
  },
  jsDir,
);

// The queue's example needs PostgreSQL: DATABASE_URL when set, else an embedded server (its npm package ships the
// binaries), started while the other examples run.
const postgres = env.DATABASE_URL
  ? Promise.resolve({ url: env.DATABASE_URL, stop: async () => {} })
  : import(join(jsDir, 'postgres.mjs')).then(async ({ startPostgres, freshDatabase }) => {
      const server = await startPostgres();
      return { url: await freshDatabase(server.url, 'demo'), stop: () => server.stop() };
    });
const QUEUE_EXAMPLE = 'queue-worker.ts';

/** Runs one example; resolves with its exit status and its output, kept whole so that parallel runs do not interleave. */
async function run(file) {
  // Asynchronous on purpose: the fake servers run in this process and must keep answering.
  const script = join(jsDir, file.replace(/\.ts$/, '.mjs'));
  // The queue's worker saves into ./videos: in the demo's folder, not the repository's.
  const where = file === QUEUE_EXAMPLE ? { cwd: demoDir, env: { ...env, DATABASE_URL: (await postgres).url } } : { cwd: root, env };
  const child = spawn(process.execPath, ['--enable-source-maps', script], { ...where, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ file, status, output })));
}

// Against the fake servers the examples run side by side (they share nothing but the servers); against a real API
// one at a time, as a person would try them.
const allFake = servers.length === gateways.length;
const runs = allFake ? examples.map(run) : [];
let failed = 0;

// The command line: a local image to a saved video, then a small batch run twice (the second run finds both jobs done
// and skips them). Its output is live: on a terminal, the bin draws its status line.
const jobs = [
  { id: 'kitten', model: 'wan2.7-text-to-video', prompt: 'A kitten running under the moonlight', duration: 5 },
  {
    id: 'cat-piano',
    model: 'wan2.7-image-to-video',
    prompt: 'A cat playing piano',
    image_start: join(root, 'examples', 'assets', 'cat.jpg'),
  },
];
writeFileSync(join(demoDir, 'jobs.jsonl'), jobs.map((job) => JSON.stringify(job)).join('\n'));
const cliRuns = [
  ['i2v', '--image-start', join('examples', 'assets', 'cat.jpg'), '--prompt', 'A cat playing piano', '-o', join(demoDir, 'cat.mp4')],
  ['batch', join(demoDir, 'jobs.jsonl'), '--out-dir', join(demoDir, 'videos'), '--concurrency', '2'],
  ['batch', join(demoDir, 'jobs.jsonl'), '--out-dir', join(demoDir, 'videos')],
];
for (const args of cliRuns) {
  console.log(`=== evolink-wan ${args.join(' ')}`);
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, env, stdio: 'inherit' });
  const status = await new Promise((resolve) => child.on('close', resolve));
  if (status !== 0) {
    failed++;
    console.log(`!!! evolink-wan ${args[0]} exited with ${status}`);
  }
  console.log('');
}

for (const [i, file] of examples.entries()) {
  console.log(`=== examples/${file}`);
  const { status, output } = await (allFake ? runs[i] : run(file));
  process.stdout.write(output);
  if (status !== 0) {
    failed++;
    console.log(`!!! examples/${file} exited with ${status}`);
  }
  console.log('');
}
await Promise.all(servers.map((server) => server.close()));
await (await postgres).stop();
console.log(`${examples.length + cliRuns.length - failed} examples and CLI runs passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
