// The tools of `evolink-wan mcp`, generated from the models: nothing model-specific written by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MEDIA_FIELDS, MODEL_IDS, modelJsonSchema, type Task, WanClient } from '../../src/index.js';
import { Root } from '../../src/mcp/root.js';
import { type ProgressParams, progressNotifier, WanTools } from '../../src/mcp/server.js';
import { modelTool } from '../../src/mcp/tools.js';
import { isNovitaModel } from '../../src/providers/novita/routes.js';

const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a model tool', () => {
  it.each(MODEL_IDS)('%s: the JSON Schema `evolink-wan schema` prints, model implied, plus wait and save_to', (id) => {
    const { $schema: _draft, ...schema } = modelJsonSchema(id) as {
      $schema?: string;
      properties: Record<string, unknown>;
      required: string[];
    };
    const { model: _model, ...properties } = schema.properties;
    const tool = modelTool(id);
    expect(tool.name).toBe(id.replace(/[.-]/g, '_'));
    expect(tool.name).toMatch(/^[a-z0-9_]+$/);
    expect(tool.inputSchema).toEqual({
      ...schema,
      properties: { ...properties, wait: expect.objectContaining({ type: 'boolean', default: true }), save_to: expect.any(Object) },
      required: schema.required.filter((field) => field !== 'model'),
    });
    const media = Object.keys(MEDIA_FIELDS[id] ?? {});
    for (const field of media) expect(tool.description).toContain(field.replace(/(\[\]|\.\*)$/, ''));
    if (media.length > 0) expect(tool.description).toContain('upload local files with upload_file first');
  });
});

describe('WanTools', () => {
  it('serves only the models of its provider: with novita, the four wan2.7 models', async () => {
    const client = new WanClient({ provider: 'novita', apiKey: 'sk-test-not-sent' });
    const tools = new WanTools(client, new Root(dir), MODEL_IDS.filter(isNovitaModel));
    const names = tools.list().map((t) => t.name);
    expect(names.filter((n) => n.startsWith('wan'))).toEqual([
      'wan2_7_text_to_video',
      'wan2_7_image_to_video',
      'wan2_7_reference_video',
      'wan2_7_video_edit',
    ]);
    const signal = new AbortController().signal;
    const listed = await tools.call('list_models', {}, { signal, progress: () => {} });
    const rows = JSON.parse((listed.content[0] as { text: string }).text) as Record<string, unknown>[];
    expect(rows.map((r) => r.tool)).toEqual(names.filter((n) => n.startsWith('wan')));
    expect(rows[0]).toMatchObject({ model: 'wan2.7-text-to-video', kind: 'text-to-video', duration: '2–15' });
    const unknown = await tools.call('wan2_6_text_to_video', { prompt: 'x' }, { signal, progress: () => {} });
    expect(unknown.isError).toBe(true);
    expect((unknown.content[0] as { text: string }).text).toContain('Unknown tool wan2_6_text_to_video');
    await client.close();
  });
});

describe('progressNotifier', () => {
  it('sends a notification only when progress rises, as MCP requires: a new status at the same percentage is not sent', () => {
    const sent: ProgressParams[] = [];
    const notify = progressNotifier('call-1', (params) => sent.push(params));
    const task = (status: string, progress: number | undefined) => ({ id: 'task-unified-1', status, progress }) as Task;
    for (const [status, progress] of [
      ['pending', undefined],
      ['processing', 0],
      ['processing', 40],
      ['processing', 40],
      ['completed', 100],
    ] as const) {
      notify(task(status, progress));
    }
    expect(sent).toEqual([
      { progressToken: 'call-1', progress: 0, total: 100, message: 'task-unified-1: pending' },
      { progressToken: 'call-1', progress: 40, total: 100, message: 'task-unified-1: processing' },
      { progressToken: 'call-1', progress: 100, total: 100, message: 'task-unified-1: completed' },
    ]);
  });
});

describe('save_to after a completed task', () => {
  it('a failed download still returns the task: its id, url and expiry beside the error', async () => {
    const { FakeEvoLinkServer } = await import('../../src/testing/index.js');
    const server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
    const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl, maxRetries: 0 });
    server.expireDownloads(); // the result link answers 403: the download fails once the task has completed
    const tools = new WanTools(client, new Root(dir), MODEL_IDS);
    const result = await tools.call(
      'wan2_7_text_to_video',
      { prompt: 'a cat', save_to: 'cat.mp4' },
      { signal: new AbortController().signal, progress: () => {} },
    );
    await client.close();
    await server.close();
    expect(result.isError).toBe(true);
    const body = JSON.parse((result.content[0] as { text: string }).text) as Record<string, unknown>;
    const task = [...server.tasks.keys()][0];
    expect(body).toMatchObject({ task_id: task, status: 'completed', url: expect.stringMatching(/^http/), expires_at: expect.any(String) });
    expect(body.error).toEqual(expect.any(String));
    expect(body.message).toMatch(/download_video/);
  });
});
