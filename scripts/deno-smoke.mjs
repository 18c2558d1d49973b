// Packs the built package, installs the tarball into a scratch consumer project, starts the fake EvoLink server,
// and runs test/deno/main.ts under Deno (installed from npm) with only --allow-net --allow-env.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.tmp', 'deno-consumer');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
  .trim()
  .split('\n')
  .pop();
writeFileSync(
  join(work, 'package.json'),
  JSON.stringify({ name: 'deno-consumer', private: true, type: 'module', dependencies: { 'evolink-wan': `file:./${tarball}` } }, null, 2),
);
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work, stdio: 'inherit' });
copyFileSync(join(root, 'test', 'deno', 'main.ts'), join(work, 'main.ts'));

const { FakeEvoLinkServer } = await import(join(work, 'node_modules', 'evolink-wan', 'dist', 'testing.js'));
const server = await FakeEvoLinkServer.start();
const deno = join(root, 'node_modules', '.bin', 'deno');
const child = spawn(deno, ['run', '--allow-net', '--allow-env', 'main.ts'], {
  cwd: work,
  env: { ...process.env, EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
const status = await new Promise((resolve) => child.on('close', resolve));
await server.close();
if (status !== 0 || !out.includes('deno smoke: ok')) {
  console.error(`Deno smoke test failed (exit ${status})`);
  process.exit(1);
}
