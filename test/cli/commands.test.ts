// The `evolink-wan` bin, spawned as users run it, against the fake EvoLink server: each command, its JSON output
// and every exit code. (Saving videos, uploads and the batch are in their own files.)
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/index.js';
import { faults } from '../../src/testing/index.js';
import { MODEL_IDS, modelJsonSchema } from '../../src/models/registry.js';
import { cliEnv, ensureBuilt, fakeServers, runCli, startCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 2 }) });

const FAST = ['--poll-interval', '0.02'];

describe('evolink-wan: help, version, models, schema (no key needed)', () => {
  it('--help lists every command and the exit codes; --version prints the version', async () => {
    const help = await runCli(['--help'], { env: cliEnv(undefined) });
    expect(help.code).toBe(0);
    for (const command of [
      'text-to-video, t2v',
      'image-to-video, i2v',
      'reference-to-video, r2v',
      'edit-video, edit',
      'generate',
      'wait',
      'get',
      'models',
      'schema',
      'credits',
      'batch',
    ]) {
      expect(help.stdout).toContain(command);
    }
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*130 +interrupted/);
    const version = await runCli(['--version'], { env: cliEnv(undefined) });
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it('has --help on every command, exit 0, nothing on stderr', async () => {
    const names = ['t2v', 'i2v', 'r2v', 'edit', 'generate', 'wait', 'get', 'models', 'schema', 'credits', 'batch'];
    const runs = await Promise.all(names.map((name) => runCli([name, '--help'], { env: cliEnv(undefined) })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, names[i]).toBe(0);
      expect(run.stdout, names[i]).toMatch(/^Usage: evolink-wan /);
      expect(run.stdout, names[i]).toContain('Exit codes:');
      expect(run.stderr, names[i]).toBe('');
    }
  });

  it("shows the chosen model's parameters, with allowed values, in a generation command's help", async () => {
    const help = await runCli(['i2v', '--model', 'wan2.6-image-to-video-flash', '--help'], { env: cliEnv(undefined) });
    const text = help.stdout.replace(/\s+/g, ' '); // the help wraps its second column
    expect(text).toContain('Parameters of wan2.6-image-to-video-flash');
    expect(text).toMatch(/--generate-audio, --no-generate-audio/);
    expect(text).toMatch(/--image-urls <url\|file> \(required\) Exactly one image/);
    expect(text).toMatch(/--model-params <json> single \(default\) or multi shots\. \[JSON object with shot_type: one of single, multi\]/);
    const t2v = (await runCli(['t2v', '--help'], { env: cliEnv(undefined) })).stdout.replace(/\s+/g, ' ');
    expect(t2v).toContain('Parameters of wan2.7-text-to-video (the default model)');
    expect(t2v).toMatch(/--aspect-ratio <16:9\|9:16\|1:1\|4:3\|3:4>/);
    expect(t2v).toMatch(/--duration <n> Whole seconds, 2–15 \(server default 5\)\. \[whole number 2–15\]/);
  });

  it('models: one JSON line per model (wan3.0 included) when stdout is not a terminal', async () => {
    const run = await runCli(['models'], { env: cliEnv(undefined) });
    expect(run.code).toBe(0);
    expect(run.events.map((e) => e.model)).toEqual(MODEL_IDS);
    expect(run.events.find((e) => e.model === 'wan3.0-text-to-video')).toMatchObject({
      kind: 'text-to-video',
      duration: '-1, 2–30',
      quality: '480p/720p/1080p',
    });
    expect(run.events.find((e) => e.model === 'wan2.7-image-to-video')?.inputs).toEqual([
      'image_start',
      'image_end',
      'video_urls ≤1',
      'audio_urls ≤1',
    ]);
  });

  it("schema <model> prints the model's JSON Schema; an unknown model is exit 2 with a suggestion", async () => {
    // The CLI's JSON Schemas are written when it is built (json-schemas.cli.ts): each is the SDK's, as it is now.
    for (const id of MODEL_IDS) {
      const run = await runCli(['schema', id], { env: cliEnv(undefined) });
      expect(run.code, id).toBe(0);
      expect(JSON.parse(run.stdout), id).toEqual(modelJsonSchema(id));
    }
    const unknown = await runCli(['schema', 'wan2.7-text-to-vide'], { env: cliEnv(undefined) });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean wan2.7-text-to-video?');
  });
});

describe('evolink-wan: generation commands', () => {
  it('t2v --json: flags become the body, events end with completed, only JSON on stdout', async () => {
    const server = await fake();
    const run = await runCli(
      [
        't2v',
        '--prompt',
        'A kitten running under the moonlight',
        '--negative-prompt',
        'blurry',
        '--aspect-ratio',
        '9:16',
        '--duration',
        '5',
        '--no-prompt-extend',
        '--seed',
        '42',
        '--audio-urls',
        'https://example.com/a.mp3',
        '--json',
        ...FAST,
      ],
      { env: cliEnv(server) },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(server.requests[0]?.body).toEqual({
      model: 'wan2.7-text-to-video',
      prompt: 'A kitten running under the moonlight',
      negative_prompt: 'blurry',
      aspect_ratio: '9:16',
      duration: 5,
      prompt_extend: false,
      seed: 42,
      audio_urls: ['https://example.com/a.mp3'],
    });
    const types = run.events.map((e) => e.event);
    expect(types[0]).toBe('submitted');
    expect(types.at(-1)).toBe('completed');
    expect(types.slice(1, -1).every((t) => t === 'progress')).toBe(true);
    const taskId = server.tasks.keys().next().value;
    expect(run.events[0]).toMatchObject({
      taskId,
      model: 'wan2.7-text-to-video',
      idempotencyKey: expect.stringMatching(/^evolink-wan-cli-/),
      // What the task reserved, as the API said (issue 12: the CLI prints usage).
      usage: { billing_rule: 'per_second', credits_reserved: 5 },
    });
    expect(run.events.at(-1)).toMatchObject({ taskId, url: `${server.contentUrl}/videos/${taskId}.mp4`, expiresAt: expect.any(String) });
    expect(server.requests[0]?.headers['idempotency-key']).toBe(run.events[0]?.idempotencyKey);
  });

  it('generate --model: repeated flags are lists, JSON flags are objects, booleans take --flag', async () => {
    const server = await fake();
    const run = await runCli(
      [
        'generate',
        '--model',
        'wan2.6-reference-video',
        '--prompt',
        'Video 1 dances',
        '--video-urls',
        'https://example.com/1.mp4',
        '--video-urls',
        'https://example.com/2.mp4',
        '--model-params',
        '{"shot_type":"multi"}',
        ...FAST,
      ],
      { env: cliEnv(server) },
    );
    expect(run.code).toBe(0);
    expect(server.requests[0]?.body).toEqual({
      model: 'wan2.6-reference-video',
      prompt: 'Video 1 dances',
      video_urls: ['https://example.com/1.mp4', 'https://example.com/2.mp4'],
      model_params: { shot_type: 'multi' },
    });
    const flash = await runCli(
      [
        'i2v',
        '--model',
        'wan2.6-image-to-video-flash',
        '--prompt',
        'p',
        '--image-urls',
        'https://example.com/c.jpg',
        '--generate-audio',
        '--no-wait',
      ],
      {
        env: cliEnv(server),
      },
    );
    expect(flash.code).toBe(0);
    expect(server.requests.at(-1)?.body).toMatchObject({ model: 'wan2.6-image-to-video-flash', generate_audio: true });
  });

  it('--no-wait prints the task id once created and sends no poll', async () => {
    const server = await fake();
    const run = await runCli(['t2v', '--prompt', 'a cat', '--no-wait'], { env: cliEnv(server) });
    expect(run.code).toBe(0);
    expect(run.events).toEqual([expect.objectContaining({ event: 'submitted', taskId: expect.stringMatching(/^task-unified-/) })]);
    expect(server.getCount).toBe(0);
  });

  it('exit 2, nothing sent: a validation error names the flag and says what to change', async () => {
    const server = await fake();
    const run = await runCli(
      ['i2v', '--prompt', 'x', '--generation-mode', 'first_frame', '--image-end', 'https://example.com/e.jpg', '--json'],
      {
        env: cliEnv(server),
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--image-end is not accepted in first_frame mode; use first_last_frame');
    expect(run.stderr).toContain('--image-start is required in first_frame mode');
    expect(run.stderr).not.toMatch(/\bimage_end\b/);
    expect(run.events).toEqual([
      expect.objectContaining({
        event: 'failed',
        exitCode: 2,
        error: expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ flag: '--image-end' })]) }),
      }),
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('exit 2, nothing sent: unknown flags, flags of another model, bad values, missing --model', async () => {
    const server = await fake();
    const env = cliEnv(server);
    const cases: [string[], RegExp][] = [
      [['t2v', '--promt', 'x'], /Unknown flag --promt; did you mean --prompt\?/],
      [['t2v', '--prompt', 'x', '--shot-type', 'multi'], /Unknown flag --shot-type/],
      [
        ['t2v', '--prompt', 'x', '--model-params', '{"shot_type":"multi"}'],
        /--model-params is not a parameter of wan2\.7-text-to-video; it belongs to wan2\.6-text-to-video/,
      ],
      [['t2v', '--prompt', 'x', '--duration', 'five'], /--duration must be a number; got "five"/],
      [['t2v', '--prompt', 'x', '--model', 'wan2.7-image-to-video'], /--model wan2\.7-image-to-video is not a text-to-video model/],
      [['generate', '--prompt', 'x'], /generate needs --model <id>/],
      [['t2v', '--prompt', 'x', '--timeout', 'soon'], /--timeout must be a number of seconds/],
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['get'], /Missing <task-id>/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args, { env })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, cases[i]![0].join(' ')).toBe(2);
      expect(run.stderr, cases[i]![0].join(' ')).toMatch(cases[i]![1]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('exit 2 without EVOLINK_API_KEY, saying where to get one; the key is never a flag', async () => {
    const server = await fake();
    const run = await runCli(['t2v', '--prompt', 'a cat'], { env: cliEnv(server, { EVOLINK_API_KEY: undefined }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('EVOLINK_API_KEY is not set');
    expect(run.stderr).toContain('https://evolink.ai/dashboard/keys');
    const flag = await runCli(['t2v', '--prompt', 'a cat', '--api-key', 'sk-x'], { env: cliEnv(server) });
    expect(flag.code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it('exit 3 on an API error (a wrong key, no credits), with the error in the failed event', async () => {
    const server = await fake();
    const wrongKey = await runCli(['t2v', '--prompt', 'a cat', '--json'], { env: cliEnv(server, { EVOLINK_API_KEY: 'sk-wrong' }) });
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.events.at(-1)).toMatchObject({ event: 'failed', exitCode: 3, error: { name: 'AuthenticationError', status: 401 } });
    expect(wrongKey.stdout + wrongKey.stderr).not.toContain('sk-wrong');
    server.inject(faults.status(402, { method: 'POST' }));
    const broke = await runCli(['t2v', '--prompt', 'a cat'], { env: cliEnv(server) });
    expect(broke.code).toBe(3);
    expect(broke.events.at(-1)).toMatchObject({ error: { name: 'InsufficientQuotaError' } });
  });

  it('exit 4 when the task fails, with its code and whether resubmitting may help', async () => {
    const server = await fake({
      plan: () => ({ outcome: { status: 'failed', code: 'content_policy_violation', message: 'flagged' }, polls: 1 }),
    });
    const run = await runCli(['t2v', '--prompt', 'a cat', ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(4);
    expect(run.events.at(-1)).toMatchObject({
      event: 'failed',
      exitCode: 4,
      status: 'failed',
      code: 'content_policy_violation',
      retryable: false,
    });
    expect(run.stderr).toContain('Worth resubmitting: no');
  });

  it('exit 5 when the wait times out: the task keeps running and the resume command is given', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, polls: 10_000 }) });
    const run = await runCli(['t2v', '--prompt', 'a cat', '--timeout', '0.3', '-o', 'my video.mp4', ...FAST], { env: cliEnv(server) });
    expect(run.code).toBe(5);
    const taskId = server.tasks.keys().next().value!;
    expect(run.stderr).toContain(`resume with: evolink-wan wait ${taskId} -o 'my video.mp4'`);
    expect(run.events.at(-1)).toMatchObject({ event: 'failed', exitCode: 5, taskId, error: { name: 'TaskTimeoutError' } });
  });

  it('exit 130 on Ctrl-C while waiting: prints the task id and the exact resume command', async () => {
    const server = await fake({ plan: () => ({ outcome: { status: 'completed' }, polls: 10_000 }) });
    const cli = startCli(['i2v', '--image-start', 'https://example.com/cat.jpg', '-o', 'cat.mp4', ...FAST], { env: cliEnv(server) });
    const submitted = await cli.waitForEvent((e) => e.event === 'progress');
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    const resume = `evolink-wan wait ${submitted.taskId} -o cat.mp4`;
    expect(run.stderr).toContain(`Task ${submitted.taskId} keeps running on the server`);
    expect(run.stderr).toContain(resume);
    expect(run.events.at(-1)).toEqual({ event: 'interrupted', exitCode: 130, taskId: submitted.taskId, resume });
  });
});

describe('evolink-wan: task commands and credits', () => {
  it('wait <id> follows a task created elsewhere; get <id> shows it', async () => {
    const server = await fake();
    const id = server.seedTask({ model: 'wan2.7-text-to-video', prompt: 'earlier' }, { outcome: { status: 'completed' }, polls: 2 });
    const waited = await runCli(['wait', id, ...FAST], { env: cliEnv(server) });
    expect(waited.code).toBe(0);
    expect(waited.events.map((e) => e.event)).toEqual(['progress', 'progress', 'completed']);
    expect(server.postCount).toBe(0);
    const got = await runCli(['get', id], { env: cliEnv(server) });
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ id, status: 'completed', progress: 100 });
    const missing = await runCli(['get', 'task-unified-0-missing'], { env: cliEnv(server) });
    expect(missing.code).toBe(3);
    expect(missing.events.at(-1)).toMatchObject({ error: { name: 'NotFoundError' } });
  });

  it('credits prints the balances', async () => {
    const server = await fake();
    const run = await runCli(['credits'], { env: cliEnv(server) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ token: server.credits.token, user: server.credits.user });
  });
});

describe('evolink-wan in a pipeline', () => {
  it('a reader that stops early (`models | head -1`) ends the output quietly: exit 0, no EPIPE crash', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('./run-cli.js');
    const child = spawn(process.execPath, [BIN, 'models'], { env: cliEnv(undefined), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first line, then close the pipe as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
