// `evolink-wan mcp` driven by the MCP SDK's own client over stdio (the built bin, as an MCP host runs it), against
// the fake gateway.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../../src/index.js';
import { FakeEvoLinkServer, type FakeServerOptions } from '../../src/testing/index.js';
import { sampleVideo } from '../../src/testing/sample-video.js';
import { BIN, cliEnv, cliFiles, ensureBuilt, ROOT } from '../cli/run-cli.js';
import { CAT_JPG } from '../support/media.js';

const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-mcp-'));
const root = join(dir, 'root');
mkdirSync(root);
copyFileSync(CAT_JPG, join(root, 'cat.jpg'));
copyFileSync(CAT_JPG, join(dir, 'outside.jpg'));
symlinkSync(join(dir, 'outside.jpg'), join(root, 'link.jpg'));
mkdirSync(join(dir, 'outside'));
symlinkSync(join(dir, 'outside'), join(root, 'out-dir'));

beforeAll(ensureBuilt, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Result = { isError?: boolean; content: { type: string; text: string }[] };
const json = (result: unknown) => JSON.parse((result as Result).content[0]!.text) as Record<string, unknown>;

/** Runs `body` with an MCP client connected to `evolink-wan mcp` (on a fresh fake gateway), then shuts both down. */
async function withMcp(
  body: (mcp: { client: Client; server: FakeEvoLinkServer }) => Promise<void>,
  options: { flags?: string[]; server?: FakeServerOptions } = {},
): Promise<void> {
  const server = await FakeEvoLinkServer.start(options.server);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--root', root, ...(options.flags ?? [])],
    env: cliEnv(server) as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'evolink-wan-test', version: '1.0.0' });
  try {
    await client.connect(transport);
    await body({ client, server });
  } finally {
    await client.close();
    await server.close();
  }
}

const posts = (server: FakeEvoLinkServer) => server.requests.filter((r) => r.method === 'POST');

describe('evolink-wan mcp over stdio', () => {
  it('lists one tool per model, its schema the model JSON Schema plus wait and save_to, and the task tools', async () => {
    await withMcp(async ({ client }) => {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toEqual([
        ...MODEL_IDS.map((id) => id.replace(/[.-]/g, '_')),
        'get_task',
        'wait_task',
        'upload_file',
        'download_video',
        'list_models',
        'credits',
        'estimate_cost',
      ]);
      const i2v = tools.find((t) => t.name === 'wan2_7_image_to_video')!;
      expect(Object.keys(i2v.inputSchema.properties ?? {})).toEqual(
        expect.arrayContaining(['generation_mode', 'image_start', 'duration', 'wait', 'save_to']),
      );
      expect(i2v.inputSchema.properties).not.toHaveProperty('model');
      expect(i2v.description).toContain('first_last_frame needs image_start and image_end');
      expect(i2v.description).toContain('duration: whole number 2–15');
      const t2v30 = tools.find((t) => t.name === 'wan3_0_text_to_video')!;
      expect(t2v30.inputSchema.required).toEqual(['prompt']);
    });
  });

  it('a valid call creates the task, reports progress while waiting, and saves the video inside the root', async () => {
    await withMcp(async ({ client, server }) => {
      const progress: number[] = [];
      const result = await client.callTool(
        {
          name: 'wan2_7_text_to_video',
          arguments: { prompt: 'A kitten running under the moonlight', duration: 5, save_to: 'out/kitten.mp4' },
        },
        undefined,
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(result.isError).toBeUndefined();
      const done = json(result);
      expect(done).toMatchObject({ status: 'completed', saved_to: join(root, 'out', 'kitten.mp4') });
      expect(String(done.task_id)).toMatch(/^task-/);
      expect(Date.parse(String(done.expires_at))).toBeGreaterThan(Date.now());
      expect(new Uint8Array(readFileSync(join(root, 'out', 'kitten.mp4')))).toEqual(sampleVideo());
      expect(posts(server).map((r) => r.body)).toEqual([
        { model: 'wan2.7-text-to-video', prompt: 'A kitten running under the moonlight', duration: 5 },
      ]);
      expect(progress.length).toBeGreaterThan(1);
      // Each above the last, as MCP requires, and the last the finished task's.
      expect(progress).toEqual([...new Set(progress)].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(100);
    });
  });

  it('invalid parameters and paths out of the root are isError results with the SDK message; nothing is sent', async () => {
    await withMcp(async ({ client, server }) => {
      const invalid = (await client.callTool({ name: 'wan2_7_text_to_video', arguments: { prompt: 'x', duration: 60 } })) as Result;
      expect(invalid.isError).toBe(true);
      expect(json(invalid)).toMatchObject({ error: 'ValidationError', message: expect.stringMatching(/nothing was sent[\s\S]*duration/) });
      const refusals: [name: string, args: Record<string, unknown>, message: RegExp][] = [
        ['wan2_7_text_to_video', { prompt: 'x', save_to: '../escape.mp4' }, /inside .* without "\.\."/],
        ['wan2_7_text_to_video', { prompt: 'x', save_to: join(dir, 'abs.mp4') }, /relative to it/],
        ['wan2_7_text_to_video', { prompt: 'x', save_to: 'out-dir/escape.mp4' }, /symbolic link/],
        ['wait_task', { task_id: 'task-unified-1', save_to: 'out-dir/escape.mp4' }, /symbolic link/],
        ['upload_file', { path: 'link.jpg' }, /symbolic link/],
        ['upload_file', { path: '../outside.jpg' }, /without "\.\."/],
        ['wan2_7_text_to_video', { prompt: 'x', wait: 'no' }, /wait must be true or false/],
        ['wan2_7_text_to_video', { prompt: 'x', wait: false, save_to: 'a.mp4' }, /save_to needs wait: true/],
        // Media fields take URLs only: a JSON string never reads a local file, in the root or out of it.
        // The advice is the agent's way to a local file (upload_file), not the SDK's fileFrom.
        [
          'wan2_7_image_to_video',
          { image_start: `file://${join(dir, 'outside.jpg')}` },
          /image_start must be an absolute http:\/\/ or https:\/\/ URL .*; for a local file call upload_file with its path \(relative to the server root\) and pass the url it returns/,
        ],
      ];
      for (const [name, args, message] of refusals) {
        const out = (await client.callTool({ name, arguments: args })) as Result;
        expect(out.isError, name).toBe(true);
        expect(json(out).message).toMatch(message);
        expect(json(out).message).not.toContain('fileFrom');
      }
      expect(server.requests).toEqual([]);
      expect(server.fileRequests).toEqual([]);
      const uploaded = json(await client.callTool({ name: 'upload_file', arguments: { path: 'cat.jpg' } }));
      expect(uploaded.url).toEqual(expect.stringContaining(server.contentUrl));
      expect(existsSync(join(dir, 'escape.mp4'))).toBe(false);
      expect(readdirSync(join(dir, 'outside'))).toEqual([]);
    });
  });

  it('cancelling a wait ends the call; the task keeps running and can be read and waited for by id', async () => {
    await withMcp(
      async ({ client }) => {
        const controller = new AbortController();
        let taskId = '';
        const call = client.callTool({ name: 'wan2_6_text_to_video', arguments: { prompt: 'A slow sunrise' } }, undefined, {
          signal: controller.signal,
          onprogress: (p) => {
            taskId = String(p.message).split(':')[0]!;
            controller.abort(new Error('the user cancelled'));
          },
        });
        await expect(call).rejects.toThrow(/cancelled/);
        expect(taskId).toMatch(/^task-/);
        const task = json(await client.callTool({ name: 'get_task', arguments: { task_id: taskId } }));
        expect(task.status).not.toBe('completed');
        const done = json(await client.callTool({ name: 'wait_task', arguments: { task_id: taskId } }));
        expect(done).toMatchObject({ task_id: taskId, status: 'completed' });
      },
      { server: { plan: () => ({ outcome: { status: 'completed' }, polls: 3 }) } },
    );
  });

  it('--max-seconds bounds the whole session: the call that would go over it is refused before it is sent', async () => {
    await withMcp(
      async ({ client, server }) => {
        const args = { prompt: 'x', duration: 5, wait: false };
        const estimate = json(await client.callTool({ name: 'estimate_cost', arguments: { model: 'wan2.7-text-to-video', ...args } }));
        expect(estimate).toMatchObject({ billedSeconds: 5 });
        expect(server.requests).toEqual([]);
        const first = json(await client.callTool({ name: 'wan2_7_text_to_video', arguments: args }));
        expect(String(first.task_id)).toMatch(/^task-/);
        // 5 s more would make 10 of the session's 8: refused, though each call alone is within it.
        const second = (await client.callTool({ name: 'wan2_7_text_to_video', arguments: args })) as Result;
        expect(second.isError).toBe(true);
        expect(json(second)).toMatchObject({ error: 'BudgetExceededError', message: expect.stringMatching(/maxSeconds/) });
        expect(posts(server)).toHaveLength(1);
      },
      { flags: ['--max-seconds', '8'] },
    );
  });

  it('--max-usd bounds the session in USD by the published prices', async () => {
    await withMcp(
      async ({ client, server }) => {
        const args = { prompt: 'x', duration: 10, wait: false };
        const estimate = json(await client.callTool({ name: 'estimate_cost', arguments: { model: 'wan2.7-text-to-video', ...args } }));
        expect(estimate.usd).toBeGreaterThan(0.01);
        const over = (await client.callTool({ name: 'wan2_7_text_to_video', arguments: args })) as Result;
        expect(json(over)).toMatchObject({ error: 'BudgetExceededError', message: expect.stringMatching(/maxUsd/) });
        expect(server.requests).toEqual([]);
      },
      { flags: ['--max-usd', '0.01'] },
    );
  });
});

describe('the MCP SDK is an optional dependency', () => {
  it('only the CLI names it, in import() calls the mcp command makes; no entry of the SDK does', () => {
    const dist = join(BIN, '..');
    const names = (f: string): boolean => /\.c?js$/.test(f) && readFileSync(join(dist, f), 'utf8').includes('@modelcontextprotocol/sdk/');
    expect(readdirSync(dist).filter(names)).toEqual([]);
    const importers = cliFiles().filter((f) => readFileSync(f, 'utf8').includes('@modelcontextprotocol/sdk/'));
    expect(importers).toHaveLength(1);
    const references = readFileSync(importers[0]!, 'utf8').match(/.{0,8}['"]@modelcontextprotocol\/sdk\/[^'"]*['"]/g) ?? [];
    expect(references).toHaveLength(3);
    for (const reference of references) expect(reference).toMatch(/import\(['"]@modelcontextprotocol/);
  });

  it('without it, evolink-wan mcp fails with a typed error naming what to install', () => {
    // The built bin beside only the dependencies of the package itself, as after `npm install evolink-wan`.
    const install = join(dir, 'install');
    mkdirSync(join(install, 'node_modules'), { recursive: true });
    writeFileSync(join(install, 'package.json'), JSON.stringify({ name: 'evolink-wan', type: 'module' }));
    cpSync(join(BIN, '..'), join(install, 'dist'), { recursive: true });
    const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(own.dependencies)) symlinkSync(join(ROOT, 'node_modules', name), join(install, 'node_modules', name));
    const run = spawnSync(process.execPath, [join(install, 'dist', 'cli.js'), 'mcp'], {
      env: cliEnv(undefined, { EVOLINK_API_KEY: 'sk-unused-key-for-this-test' }),
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('npm install @modelcontextprotocol/sdk');
    // Every other command runs without it.
    const models = spawnSync(process.execPath, [join(install, 'dist', 'cli.js'), 'models'], { env: cliEnv(undefined), encoding: 'utf8' });
    expect(models.stderr).toBe('');
    expect(models.stdout).toContain('wan2.7-image-to-video');
    expect(models.status).toBe(0);
  });
});
