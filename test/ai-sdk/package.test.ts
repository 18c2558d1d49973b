// evolink-wan/ai-sdk is an entry of its own, for import and require, and needs nothing of the AI SDK at run time; the
// SDK's own entry loads none of the optional peers.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/run-cli.js';

beforeAll(ensureBuilt, 120_000);

const PEERS = /node_modules\/(ai|@ai-sdk\/[^/]+|@modelcontextprotocol\/sdk)\//;

/** Runs an ES module snippet in a fresh Node.js from the package root; its output, trimmed. */
function runModule(code: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', env }).trim();
}

function loadedBy(code: string, type: 'module' | 'commonjs'): string[] {
  const report =
    type === 'module'
      ? `${code}; const { createRequire } = await import('node:module'); console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`
      : `${code}; console.log(JSON.stringify(Object.keys(require.cache)))`;
  const out = execFileSync(process.execPath, ['--input-type', type, '-e', report], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}

describe('packaging of evolink-wan/ai-sdk', () => {
  it('imports and requires, with createEvoLink and the default provider, loading no AI SDK package', () => {
    const esm = runModule("const m = await import('evolink-wan/ai-sdk'); console.log(typeof m.createEvoLink, typeof m.evolink.video);");
    expect(esm).toBe('function function');
    const files = loadedBy(
      "const m = require('evolink-wan/ai-sdk'); if (typeof m.evolink.video !== 'function') process.exit(1)",
      'commonjs',
    );
    expect(files.some((f) => f.endsWith('dist/ai-sdk.cjs'))).toBe(true);
    expect(files.filter((f) => PEERS.test(f))).toEqual([]);
  });

  it("require('evolink-wan') loads none of the optional peers", () => {
    const files = loadedBy("require('evolink-wan')", 'commonjs');
    expect(files.some((f) => f.endsWith('dist/index.cjs'))).toBe(true);
    expect(files.filter((f) => PEERS.test(f) || f.includes('ai-sdk') || f.includes('mcp'))).toEqual([]);
  });

  it('the default provider makes no client, and so needs no key, until a model is called', () => {
    const code =
      "const { evolink } = await import('evolink-wan/ai-sdk'); const m = evolink.video('wan2.7-text-to-video'); console.log(m.provider, m.modelId, m.specificationVersion);";
    const out = runModule(code, { ...process.env, EVOLINK_API_KEY: '' });
    expect(out).toBe('evolink wan2.7-text-to-video v4');
  });
});
