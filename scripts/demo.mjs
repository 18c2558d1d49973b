// `npm run demo`: runs every example end to end; examples/image-file-to-video.ts turns examples/assets/cat.jpg into a
// video saved as out/cat.mp4 (with the fake server: a real 2-second MP4). Without EVOLINK_API_KEY they run against the built-in fake EvoLink
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
  // Tasks finish about 3 s after creation, like a (very fast) real job.
  server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, durationMs: 3000, estimatedTime: 3 }) });
  env.EVOLINK_API_KEY = server.apiKey;
  env.EVOLINK_BASE_URL = server.url;
  env.EVOLINK_FILES_BASE_URL = server.filesUrl;
  console.log(`EVOLINK_API_KEY is not set: running the examples against the fake EvoLink server at ${server.url}\n`);
} else {
  console.log('EVOLINK_API_KEY is set: running the examples against the real EvoLink API (billed)\n');
}
let failed = 0;
for (const file of examples) {
  console.log(`=== examples/${file}`);
  // Asynchronous on purpose: the fake server runs in this process and must keep answering.
  const child = spawn(process.execPath, ['--import', 'tsx', join('examples', file)], { cwd: root, env, stdio: 'inherit' });
  const status = await new Promise((resolve) => child.on('close', resolve));
  if (status !== 0) {
    failed++;
    console.log(`!!! examples/${file} exited with ${status}`);
  }
  console.log('');
}
await server?.close();
console.log(`${examples.length - failed} examples passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
