// The bin's entry decides the command from argv and imports only that command's code: `--help`, `--version` and a
// mistyped command load no dependency at all (zod and undici are most of a command's start-up).
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv, ensureBuilt, filesLoadedBy, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const dependencies = (files: string[]): string[] => files.filter((file) => file.includes(`${sep}node_modules${sep}`));
/** The loaded files that hold `WanClient` (found by a message of its own, which minifying keeps). */
const clientCode = (files: string[]): string[] =>
  files.filter((file) => readFileSync(file, 'utf8').includes('does not report credits through its API'));

describe('evolink-wan loads only what the command needs', () => {
  for (const args of [['--help'], ['--version'], ['t2x', '--prompt', 'a typo of t2v']]) {
    it(`evolink-wan ${args[0]} loads no dependency`, () => {
      const files = filesLoadedBy([BIN, ...args], cliEnv(undefined));
      expect(files).toContain(BIN);
      expect(dependencies(files)).toEqual([]);
    });
  }

  it('a validation error of a model parameter loads the schemas, not the client, its HTTP stack or undici', async () => {
    const args = ['t2v', '--prompt', 'A cat', '--duration', '99'];
    const env = cliEnv(undefined, { EVOLINK_API_KEY: 'sk-test-sends-nothing' });
    const run = await runCli(args, { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--duration must be at most 15 seconds');
    const files = filesLoadedBy([BIN, ...args], env);
    expect(dependencies(files).filter((file) => file.includes(`${sep}undici${sep}`))).toEqual([]);
    // zod is bundled into the CLI's chunks: node_modules/zod loads its whole API (all of core, every locale).
    expect(dependencies(files).filter((file) => file.includes(`${sep}zod${sep}`))).toEqual([]);
    expect(clientCode(files)).toEqual([]);
  });

  it('a command that runs loads its code and dependencies then (so the checks above can fail)', () => {
    const files = filesLoadedBy([BIN, 'models'], cliEnv(undefined));
    expect(dependencies(files).some((file) => file.includes(`${sep}undici${sep}`))).toBe(true);
    expect(clientCode(files)).not.toEqual([]);
  });
});
