// The built package as an installed dependency under the module loaders users run it with: plain Node.js, tsx's
// hooks, vitest's VM pools (another realm: msw and fake timers patch that realm's globals, so one copy of the SDK
// must live there), vitest inlining the package, and a Node.js without require() of ES modules. Each must load one
// copy of the SDK, and msw and fake timers must see its first call.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/run-cli.js';

const run = promisify(execFile);
const project = mkdtempSync(join(tmpdir(), 'evolink-wan-loaders-'));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

// A task created and awaited against the fake server, a local file uploaded, and the handle's class checked: two
// copies of the SDK's modules would make `instanceof TaskPromise` false.
const APP = `import { TaskPromise, WanClient, fileFrom } from 'evolink-wan';
import { FakeEvoLinkServer } from 'evolink-wan/testing';
const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl });
const handle = client.textToVideo({ prompt: 'A cat' });
const video = await handle.waitForResult({ pollInterval: 10 });
const uploaded = await client.files.upload(fileFrom(${JSON.stringify(join(ROOT, 'test', 'fixtures', 'media', 'photo.webp'))}));
console.log(handle instanceof TaskPromise, video.status, uploaded.id.startsWith('file_'));
await client.close();
await server.close();
`;

// The README's msw + fake-timers pattern as the first call of the test process (test/support/first-call.ts).
const FAKE_TIMERS_TEST = `import { firstCallWaitsUnderFakeTimers } from ${JSON.stringify(join(ROOT, 'test', 'support', 'first-call.ts'))};
firstCallWaitsUnderFakeTimers(() => import('evolink-wan'));
`;

beforeAll(() => {
  ensureBuilt();
  mkdirSync(join(project, 'node_modules'));
  // The package as installed (a link to this repository, so its own dependencies resolve), and the tools.
  symlinkSync(ROOT, join(project, 'node_modules', 'evolink-wan'), 'dir');
  for (const tool of ['msw', 'tsx', 'vitest']) symlinkSync(join(ROOT, 'node_modules', tool), join(project, 'node_modules', tool), 'dir');
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(project, 'app.ts'), APP);
  writeFileSync(join(project, 'app.mjs'), APP);
  writeFileSync(join(project, 'first-call.test.ts'), FAKE_TIMERS_TEST);
  writeFileSync(join(project, 'inline.config.mjs'), "export default { test: { server: { deps: { inline: ['evolink-wan'] } } } };\n");
}, 120_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

const node = async (args: string[]) =>
  (await run(process.execPath, args, { cwd: project, encoding: 'utf8', timeout: 60_000 })).stdout.trim();

describe.concurrent('the built package as a dependency', () => {
  it('plain Node.js: one copy of the SDK', async () => {
    expect(await node(['app.mjs'])).toBe('true completed true');
  });

  it('under tsx (its loader hooks load files their own way): one copy of the SDK', async () => {
    expect(await node(['--import', 'tsx', 'app.ts'])).toBe('true completed true');
  });

  it('on a Node.js without require() of ES modules: one copy of the SDK', async () => {
    expect(await node(['--no-experimental-require-module', 'app.mjs'])).toBe('true completed true');
  });

  it.each([
    // vmForks runs files in the same kind of VM context, in a child process instead of a worker thread.
    ['the vmThreads pool', ['--pool=vmThreads']],
    ['the package inlined', ['--config=inline.config.mjs']],
  ])(
    'vitest with %s: msw and fake timers see the first call',
    async (_name, flags) => {
      const out = await node([VITEST, 'run', '--root', project, ...flags, 'first-call.test.ts']);
      expect(out).toMatch(/1 passed/);
      // A whole vitest run in a child process: seconds alone, far more beside a full suite on 2 cores.
    },
    60_000,
  );
});
