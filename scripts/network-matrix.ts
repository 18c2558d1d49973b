// `npm run test:network`: the user's network setups (dispatcher option, global dispatcher, NODE_USE_ENV_PROXY) against a
// real loopback proxy and MockAgent, on Node 20 (this one), 22 and 24 × undici 7 and 8, each cell in its own process.
// Node 22 and 24 come from npm's `node` package, installed once into .tmp/node-matrix (not devDependencies: that
// package links `node_modules/.bin/node`, which would make every npm script run on it). Exits 1 if any cell fails.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProxy } from '../test/support/http-proxy.js';
import { json, startLoopback, TASK } from '../test/support/loopback.js';
import { SCENARIOS, wrongRoute, type Via } from '../test/support/network-scenarios.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODES = ['22.23.3', '24.21.0'];
const UNDICIS = [
  { label: 'undici 7', module: 'undici', minNode: 20 },
  { label: 'undici 8', module: 'undici8', minNode: 22 },
];

function nodeBinary(version: string): string {
  const prefix = join(root, '.tmp', 'node-matrix', `node${version}`);
  const binary = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
    console.log(`installing node@${version} into ${prefix} …`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `node@${version}`], { cwd: prefix, stdio: 'ignore' });
  }
  return binary;
}

interface Cell {
  ok: boolean;
  via?: Via;
  error?: string;
  status?: number;
}

function runChild(node: string, env: Record<string, string>): Promise<Cell> {
  return new Promise((resolve) => {
    const child = spawn(node, ['--import', 'tsx', join(root, 'test', 'support', 'network-child.ts')], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', () => {
      const line = out.trim().split('\n').pop() ?? '';
      resolve(
        line.startsWith('{') ? (JSON.parse(line) as Cell) : { ok: false, error: err.trim().split('\n').slice(-3).join(' ') || 'no output' },
      );
    });
  });
}

const server = await startLoopback((_req, res) => json(res, 200, { ...TASK, status: 'processing', progress: 7 }));
const proxy = await startProxy();
const runtimes = [
  { version: process.versions.node, binary: process.execPath },
  ...NODES.map((version) => ({ version, binary: nodeBinary(version) })),
];
const rows: string[][] = [];
let checked = 0;
let failures = 0;

async function cell(binary: string, env: Record<string, string>, check: boolean): Promise<string> {
  const before = { serverRequests: server.requests.length, proxied: proxy.tunnels.length + proxy.forwarded.length };
  const result = await runChild(binary, { BASE_URL: server.url, PROXY_URL: proxy.url, ...env });
  const seen = {
    serverRequests: server.requests.length - before.serverRequests,
    proxied: proxy.tunnels.length + proxy.forwarded.length - before.proxied,
  };
  if (!check) return result.ok ? `works (${result.status})` : `fails: ${result.error}`;
  const problem = result.ok ? wrongRoute(result.via!, seen) : result.error;
  checked++;
  if (problem) failures++;
  return problem ? `FAIL: ${problem}` : `ok (${result.via})`;
}

for (const runtime of runtimes) {
  const major = Number(runtime.version.split('.')[0]);
  for (const undici of UNDICIS) {
    if (major < undici.minNode) {
      rows.push([`Node ${runtime.version}`, undici.label, '(all)', `n/a: ${undici.label} needs Node >= 22.19`]);
      continue;
    }
    for (const name of Object.keys(SCENARIOS)) {
      rows.push([
        `Node ${runtime.version}`,
        undici.label,
        name,
        await cell(runtime.binary, { SCENARIO: name, UNDICI: undici.module }, true),
      ]);
    }
    for (const control of ['ProxyAgent', 'Agent']) {
      const result = await cell(runtime.binary, { CONTROL: control, UNDICI: undici.module }, false);
      rows.push([`Node ${runtime.version}`, undici.label, `(old way: Node's fetch + ${control})`, result]);
    }
  }
  const env = { SCENARIO: 'NODE_USE_ENV_PROXY', NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy.url, NO_PROXY: '' };
  rows.push([`Node ${runtime.version}`, '(bundled)', 'NODE_USE_ENV_PROXY=1 HTTP_PROXY', await cell(runtime.binary, env, true)]);
}

await server.close();
await proxy.close();
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  '));
console.log(`\n${checked - failures} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
