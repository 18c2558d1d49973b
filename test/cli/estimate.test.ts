// `evolink-wan estimate` and the budget flags of the generation commands, spawned as users run them.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, ensureBuilt, fakeServers, runCli } from './run-cli.js';

beforeAll(ensureBuilt, 120_000);

const fake = fakeServers({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });

describe('evolink-wan estimate', () => {
  it('prints the documented cost without a key', async () => {
    const run = await runCli(['estimate', 't2v', '--prompt', 'A cat', '--duration', '10', '--json'], { env: cliEnv(undefined) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.events).toEqual([expect.objectContaining({ model: 'wan2.7-text-to-video', billedSeconds: 10, usd: 0.86, exact: true })]);
  });

  it('--json prints one line with the estimate’s fields', async () => {
    const run = await runCli(['estimate', 'r2v', '--prompt', 'Video 1 dances', '--video-urls', 'https://cdn.example.com/a.mp4', '--json'], {
      env: cliEnv(undefined),
    });
    expect(run.code).toBe(0);
    expect(run.events).toHaveLength(1);
    expect(run.events[0]).toMatchObject({
      model: 'wan2.7-reference-video',
      billedSeconds: 5,
      maxBilledSeconds: 35,
      exact: false,
      unknownInputs: ['video_urls[0]'],
      basis: 'evolink',
    });
  });

  it('measures local files like the generation commands take them (paths, relative to the working directory)', async () => {
    const clip = 'test/fixtures/media/av/clip-6s.mp4';
    const run = await runCli(['estimate', 'edit', '--prompt', 'snow', '--video-urls', clip, '--json'], { env: cliEnv(undefined) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.events).toEqual([
      expect.objectContaining({ model: 'wan2.7-video-edit', inputSeconds: 6, billedSeconds: 12, exact: true, unknownInputs: [] }),
    ]);
    const missing = await runCli(['estimate', 'edit', '--prompt', 'snow', '--video-urls', 'no-such-clip.mp4'], { env: cliEnv(undefined) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-clip\.mp4/);
  });

  it('a file: URL or another scheme in a media flag is refused with a path to pass, not fileFrom(…)', async () => {
    const clip = resolve('test/fixtures/media/av/clip-6s.mp4');
    const run = await runCli(['estimate', 'edit', '--prompt', 'snow', '--video-urls', pathToFileURL(clip).href, '--json'], {
      env: cliEnv(undefined),
    });
    expect(run.code).toBe(2);
    const error = run.events[0]?.error as { message: string; issues: { message: string }[] };
    const expected = `--video-urls (value 1) must be an absolute http:// or https:// URL that downloads the file directly; for a local file pass its path: ${clip}`;
    expect(error.issues).toEqual([{ flag: '--video-urls', message: expected }]);
    expect(error.message).toContain(expected);
    const ftp = await runCli(['estimate', 'i2v', '--prompt', 'x', '--image-start', 'ftp://host/cat.jpg'], { env: cliEnv(undefined) });
    expect(ftp.stderr).toContain(
      '--image-start must be an absolute http:// or https:// URL that downloads the file directly; for a local file pass its path\n',
    );
    expect(ftp.stderr).not.toContain('fileFrom');
  });

  it('gives the warnings of a reference prompt (the warnings field; on a terminal, lines on stderr)', async () => {
    const args = ['estimate', 'r2v', '--prompt', 'Image 2 dances', '--image-urls', 'https://cdn.example.com/a.png', '--json'];
    const run = await runCli(args, { env: cliEnv(undefined) });
    expect(run.code).toBe(0);
    expect(run.events[0]).toMatchObject({ warnings: [expect.stringContaining('prompt names "Image 2", but image_urls holds 1 image')] });
  });

  it('says when no price is known, and refuses bad input with exit 2', async () => {
    const noPrice = await runCli(['estimate', 't2v', '--model', 'wan3.0-text-to-video', '--prompt', 'A cat', '--json'], {
      env: cliEnv(undefined),
    });
    expect(noPrice.events[0]).toMatchObject({ billedSeconds: 5, basis: 'none' });
    expect(noPrice.events[0]).not.toHaveProperty('usd');
    const invalid = await runCli(['estimate', 't2v', '--prompt', 'A cat', '--duration', '99'], { env: cliEnv(undefined) });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/--duration/);
    const kind = await runCli(['estimate', 'movie'], { env: cliEnv(undefined) });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/estimate takes a kind of generation first/);
  });
});

describe('describeEstimate (the terminal line)', () => {
  it('states seconds, quality, USD and its basis; a range where a clip length is unknown', async () => {
    const { describeEstimate } = await import('../../src/cli/commands/estimate.js');
    const { estimateFrom } = await import('../../src/cost/estimate.js');
    const line = (
      model: 'wan2.7-text-to-video' | 'wan2.7-video-edit' | 'wan3.0-text-to-video',
      params: object,
      clips: (number | undefined)[] = [],
    ) => describeEstimate(estimateFrom({ model, params: { model, ...params }, clipSeconds: clips }, { provider: 'evolink' }));
    expect(line('wan2.7-text-to-video', { duration: 10 })).toBe(
      "wan2.7-text-to-video: 10 s at 720p = $0.86 (EvoLink's published price, $0.086/s)",
    );
    expect(line('wan2.7-video-edit', {}, [undefined])).toBe(
      "wan2.7-video-edit: 0–20 s at 720p = $0–$1.72 (EvoLink's published price, $0.086/s; the length of video_urls[0] is not known)",
    );
    expect(line('wan3.0-text-to-video', {})).toBe(
      "wan3.0-text-to-video: 5 s at 720p (no published price for wan3.0-text-to-video at 720p: set one with the SDK's prices option)",
    );
  });
});

describe('--max-usd and --max-seconds', () => {
  it('exit 2 and nothing sent when the estimate is over; a run under the limit goes through', async () => {
    const server = await fake();
    const over = await runCli(['t2v', '--prompt', 'A cat', '--duration', '10', '--max-usd', '0.5', '--json'], { env: cliEnv(server) });
    expect(over.code).toBe(2);
    // Named by the flag that set it, not by the SDK's option (maxUsdPerTask).
    expect(JSON.stringify(over.events)).toMatch(/over --max-usd of \$0.5/);
    const seconds = await runCli(['t2v', '--prompt', 'A cat', '--duration', '10', '--max-seconds', '5', '--json'], { env: cliEnv(server) });
    expect(seconds.code).toBe(2);
    expect(server.postCount).toBe(0);
    const under = await runCli(['t2v', '--prompt', 'A cat', '--max-usd', '0.5', '--no-wait', '--json'], { env: cliEnv(server) });
    expect(under.code).toBe(0);
    expect(server.postCount).toBe(1);
    const bad = await runCli(['t2v', '--prompt', 'A cat', '--max-usd', 'lots'], { env: cliEnv(server) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-usd must be USD/);
  });
});
