// evolink-wan/queue runs on optional peers: the SDK's main import never loads them, and a missing one is a typed error
// with the command that installs it.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvoLinkError } from '../../src/index.js';
import { createJobQueue, QUEUE_INSTALL, QueueDependencyError } from '../../src/queue/index.js';
import { ensureBuilt, ROOT } from '../cli/run-cli.js';

beforeAll(ensureBuilt, 120_000);

/** Modules under node_modules/pg* that `code` (CommonJS, run in the package's root) left in require's cache. */
function peersLoadedBy(code: string): string[] {
  const out = execFileSync(
    process.execPath,
    ['-e', `${code}; console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules[\\\\/]pg/.test(f))))`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out) as string[];
}

describe('evolink-wan/queue and its optional peers', () => {
  it("require('evolink-wan') and require('evolink-wan/queue') load neither pg nor pg-boss", () => {
    expect(peersLoadedBy("require('evolink-wan')")).toEqual([]);
    expect(peersLoadedBy("require('evolink-wan/queue')")).toEqual([]);
  });

  it('the check can fail: requiring pg shows up', () => {
    expect(peersLoadedBy("require('pg')").length).toBeGreaterThan(0);
  });

  it('createJobQueue names the missing package and the command that installs both', async () => {
    const missing = Object.assign(new Error("Cannot find package 'pg-boss'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await createJobQueue({
      connectionString: 'postgres://127.0.0.1:1/none',
      name: 'videos',
      importer: async (name) => {
        if (name === 'pg-boss') throw missing;
        return import(name);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueDependencyError);
    expect(error).toBeInstanceOf(EvoLinkError);
    expect(error).toMatchObject({ packageName: 'pg-boss', install: QUEUE_INSTALL, cause: missing });
    expect((error as Error).message).toContain('npm install pg-boss@^10.4.2 pg@^8.16.3');
  });

  it('refuses bad options before connecting', async () => {
    await expect(createJobQueue({ name: 'videos' })).rejects.toThrow(/exactly one of connectionString/);
    await expect(createJobQueue({ connectionString: 'postgres://x', name: 'bad name' })).rejects.toThrow(/name must be/);
  });
});
