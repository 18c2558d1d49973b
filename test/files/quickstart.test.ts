// The quickstart of the "files in, video out" issue, verbatim, run against the fake server in its own process with
// ./cat.jpg beside it: a local photo in, an MP4 on disk out. It imports the built package (dist/), rebuilt if stale.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { sampleVideo } from '../../src/testing/sample-video.js';
import { CAT_JPG } from '../support/media.js';
import { ensureBuilt } from '../support/ensure-built.js';

const root = join(import.meta.dirname, '..', '..');

const QUICKSTART = `import { WanClient, fileFrom } from 'evolink-wan';
const client = new WanClient();
const video = await client
  .imageToVideo({ prompt: 'A cat playing piano', image_start: fileFrom('./cat.jpg') })
  .waitForResult();
const saved = await video.download('./out/cat.mp4', { onProgress: ({ received, total }) => bar.update(received, total) });
console.log(saved.path, saved.bytes);`;

/** The progress bar the quickstart assumes. */
const BAR = 'const bar = { update: (received: number, total: number | undefined) => console.error(received, total) };';

it('the issue’s quickstart works verbatim against the fake server', async () => {
  ensureBuilt();
  const dir = join(root, '.tmp', 'quickstart');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(CAT_JPG, join(dir, 'cat.jpg'));
  writeFileSync(join(dir, 'main.ts'), `${BAR}\n${QUICKSTART}\nexport {};\n`);
  const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
  try {
    const env = { ...process.env, EVOLINK_API_KEY: server.apiKey, EVOLINK_BASE_URL: server.url, EVOLINK_FILES_BASE_URL: server.filesUrl };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: dir, env, timeout: 30_000 });
    expect(stdout.trim()).toBe(`./out/cat.mp4 ${sampleVideo().length}`);
    expect(Buffer.compare(readFileSync(join(dir, 'out', 'cat.mp4')), Buffer.from(sampleVideo()))).toBe(0);
    const uploaded = [...server.uploads.values()][0];
    expect(Buffer.compare(Buffer.from(uploaded!.bytes), readFileSync(CAT_JPG))).toBe(0);
  } finally {
    await server.close();
  }
}, 60_000);
