// The edge build contains no Node.js: bundled for a neutral platform with the edge conditions, `evolink-wan`
// resolves to dist/edge/, builds without a single `node:` import and includes no undici. The Node.js build, bundled
// the same way, fails on its `node:` imports: the check can fail.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../../cli/run-cli.js';
import { bundledPackages, bundleForEdge } from './bundle.js';

const CREATE_AND_WAIT = `import { WanClient } from 'evolink-wan';
const client = new WanClient({ apiKey: 'k' });
console.log(await client.textToVideo({ prompt: 'A cat' }).waitForResult());`;

beforeAll(() => ensureBuilt(), 120_000);

describe('the edge build', () => {
  it('is what `evolink-wan` resolves to under the edge conditions, with no node: import and no undici', async () => {
    const { metafile } = await bundleForEdge({ contents: CREATE_AND_WAIT });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('dist/edge/index.js');
    expect(inputs.filter((path) => path.startsWith('dist/') && !path.startsWith('dist/edge/'))).toEqual([]);
    expect(bundledPackages(metafile)).toEqual(['image-size', 'ipaddr.js', 'zod']);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => path.startsWith('node:') || /(^|\/)undici(\/|$)/.test(path))).toEqual([]);
  });

  it("keeps zod/mini, and neither zod's classic API nor its compiler (whose `new Function` Workers refuse)", async () => {
    const { metafile } = await bundleForEdge({ contents: CREATE_AND_WAIT });
    const output = Object.values(metafile.outputs)[0]!;
    const zod = Object.entries(output.inputs)
      .filter(([path, input]) => path.includes('node_modules/zod/') && input.bytesInOutput > 0)
      .map(([path]) => path.slice(path.indexOf('node_modules/zod/')));
    expect(zod).toContain('node_modules/zod/v4/mini/schemas.js');
    expect(zod.filter((path) => path.includes('/classic/') || path.endsWith('/core/compile.js'))).toEqual([]);
  });

  it('has no node: specifier and no undici import in any of its files', () => {
    const dir = join(ROOT, 'dist', 'edge');
    const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(1);
    for (const name of files) {
      const code = readFileSync(join(dir, name), 'utf8');
      expect(code, name).not.toMatch(/(?:from|import|require)\s*\(?\s*["'](?:node:|undici)/);
    }
  });

  it('while the Node.js build, bundled the same way, fails on its node: imports', async () => {
    const failure = await bundleForEdge({ contents: `import { WanClient } from './dist/index.js';\nconsole.log(WanClient);` }).then(
      () => undefined,
      (error: { errors?: { text: string }[] }) => error,
    );
    const unresolved = failure?.errors?.map((e) => e.text) ?? [];
    expect(unresolved.some((text) => text.startsWith('Could not resolve "node:'))).toBe(true);
  });
});

describe('the edge twins', () => {
  it('are the five listed in test/e2e/edge/edge-twins.test-d.ts, each beside its Node.js module', () => {
    const src = join(ROOT, 'src');
    const twins = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.edge.ts'));
    expect(twins.sort()).toEqual([
      'download/file-sink.edge.ts',
      'media/file-source.edge.ts',
      'media/sha256.edge.ts',
      'models/compile-fields.edge.ts',
      'transport/platform.edge.ts',
    ]);
    for (const twin of twins) expect(existsSync(join(src, twin.replace('.edge.ts', '.ts'))), twin).toBe(true);
  });
});
