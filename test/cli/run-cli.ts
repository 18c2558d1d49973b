import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { FakeEvoLinkServer, type FakeServerOptions } from '../../src/testing/index.js';

export { ensureBuilt } from '../support/ensure-built.js';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The built bin: the tests run what `npx evolink-wan` runs. */
export const BIN = join(ROOT, 'dist', 'cli.js');

/** The bin and the chunks it imports (dist/cli/): every file of the CLI's code. */
export function cliFiles(): string[] {
  const chunks = join(ROOT, 'dist', 'cli');
  return [BIN, ...readdirSync(chunks).map((name) => join(chunks, name))];
}

/**
 * The files Node loads (as ES modules, or as CommonJS through `import`) when it runs with `nodeArgs` in the repository
 * root: a module-loader hook logs each one.
 */
export function filesLoadedBy(nodeArgs: string[], env?: NodeJS.ProcessEnv): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-loads-'));
  try {
    const log = join(dir, 'loads.txt');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`,
    );
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
    spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), ...nodeArgs], { cwd: ROOT, env: env ?? process.env });
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a run of the bin produced. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (empty when it is not JSON). */
  events: Record<string, unknown>[];
}

/**
 * The environment for the bin: the fake server's key and URL, and nothing from the caller's environment that could
 * point it elsewhere (so a test can never reach the real API).
 */
export function cliEnv(server: FakeEvoLinkServer | undefined, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_NO_WARNINGS: '1' };
  if (server) Object.assign(env, { EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url, EVOLINK_FILES_BASE_URL: server.filesUrl });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function parseEvents(stdout: string): Record<string, unknown>[] {
  try {
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch {
    return [];
  }
}

/** A running bin: its process, and a promise of the finished run. */
export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliRun>;
  /** Resolves once stdout has a JSON event matching `test`. */
  waitForEvent(test: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Starts the bin (asynchronously: the fake server runs in this process and must keep answering). */
export function startCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, events: parseEvents(stdout) }));
  });
  const waitForEvent = (test: (event: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = (): void => {
        const found = parseEvents(stdout.slice(0, stdout.lastIndexOf('\n') + 1)).find(test);
        if (found) {
          listeners.delete(check);
          resolve(found);
        }
      };
      listeners.add(check);
      void done.then(() => reject(new Error(`the CLI exited before the event; stdout:\n${stdout}\nstderr:\n${stderr}`)));
      check();
    });
  return { child, done, waitForEvent };
}

/** Runs the bin to the end. */
export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<CliRun> {
  return startCli(args, options).done;
}

/** Starts fake servers for the tests of a file (`defaults` under each test's options), closed after each test. */
export function fakeServers(defaults: FakeServerOptions): (options?: FakeServerOptions) => Promise<FakeEvoLinkServer> {
  const servers: FakeEvoLinkServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const server = await FakeEvoLinkServer.start({ ...defaults, ...options });
    servers.push(server);
    return server;
  };
}
