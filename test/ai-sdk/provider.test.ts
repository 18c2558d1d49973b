import { readFileSync } from 'node:fs';
import { experimental_generateVideo, experimental_getVideoStatus, experimental_startVideo } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEvoLink, type EvoLinkVideoOptions } from '../../src/ai-sdk/index.js';
import { ValidationError } from '../../src/index.js';
import { sampleVideo } from '../../src/testing/sample-video.js';
import { setup } from '../support/fake.js';
import { CAT_JPG } from '../support/media.js';

type Fake = Awaited<ReturnType<typeof setup>>['server'];

/** Runs `body` with a provider on the fake gateway (its client made from the options a user would pass), then closes it. */
async function withProvider(
  plan: Parameters<typeof setup>[0],
  body: (fake: { server: Fake; provider: ReturnType<typeof createEvoLink> }) => Promise<void>,
): Promise<void> {
  const { server } = await setup(plan);
  const provider = createEvoLink({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl });
  try {
    await body({ server, provider });
  } finally {
    await provider.client.close();
  }
}

const POLL = { intervalMs: 5 };
const creates = (server: { requests: { method: string; path: string; body: unknown }[] }) =>
  server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos/generations');

describe('evolink-wan/ai-sdk with the real ai package', () => {
  it('generateVideo: text to video, standard options mapped onto the model, unsupported ones warned about', async () => {
    await withProvider(undefined, async ({ server, provider }) => {
      const result = await experimental_generateVideo({
        model: provider.video('wan2.7-text-to-video'),
        prompt: 'A kitten running under the moonlight',
        duration: 5,
        aspectRatio: '16:9',
        resolution: '1920x1080',
        seed: 42,
        fps: 24,
        providerOptions: { evolink: { negative_prompt: 'blurry' } satisfies EvoLinkVideoOptions<'wan2.7-text-to-video'> },
        poll: POLL,
        download: provider.download,
      });
      expect(creates(server).map((r) => r.body)).toEqual([
        {
          model: 'wan2.7-text-to-video',
          prompt: 'A kitten running under the moonlight',
          duration: 5,
          aspect_ratio: '16:9',
          quality: '1080p',
          seed: 42,
          negative_prompt: 'blurry',
        },
      ]);
      expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'fps' })]);
      expect(result.video.mediaType).toBe('video/mp4');
      expect(result.video.uint8Array).toEqual(sampleVideo());
      const meta = result.providerMetadata.evolink as Record<string, unknown>;
      expect(meta).toMatchObject({ status: 'completed', credits: 5 });
      expect(meta.taskId).toMatch(/^task-/);
      expect(Date.parse(String(meta.expiresAt))).toBeGreaterThan(Date.now());
    });
  });

  it('generateVideo: image to video, the prompt image uploaded like local media, warns for n > 1 per call', async () => {
    await withProvider(undefined, async ({ server, provider }) => {
      const image = new Uint8Array(readFileSync(CAT_JPG));
      const result = await experimental_generateVideo({
        model: provider.video('wan2.7-image-to-video'),
        prompt: { text: 'A cat playing piano', image },
        maxVideosPerCall: 2,
        n: 2,
        poll: POLL,
        download: provider.download,
      });
      expect(server.uploads.size).toBe(1);
      const [upload] = [...server.uploads.values()];
      const body = creates(server)[0]!.body as Record<string, unknown>;
      expect(body).toMatchObject({ model: 'wan2.7-image-to-video', prompt: 'A cat playing piano', generation_mode: 'first_frame' });
      expect(upload!.bytes).toEqual(image);
      expect(body.image_start).toEqual(expect.stringContaining(upload!.fileName));
      expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'n' })]);
      expect(result.videos).toHaveLength(1);
    });
  });

  it('wan2.6 image to video takes the prompt image as its one image_urls entry; aspectRatio is warned about', async () => {
    await withProvider(undefined, async ({ server, provider }) => {
      const { warnings } = await experimental_startVideo({
        model: provider.video('wan2.6-image-to-video'),
        prompt: { text: 'A cat playing piano', image: 'https://example.com/cat.jpg' },
        aspectRatio: '9:16',
      });
      expect(creates(server)[0]!.body).toEqual({
        model: 'wan2.6-image-to-video',
        prompt: 'A cat playing piano',
        image_urls: ['https://example.com/cat.jpg'],
      });
      expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' })]);
    });
  });

  it('startVideo + getVideoStatus across a simulated process restart: the persisted operation is all it takes', async () => {
    const { server } = await setup({ plan: () => ({ outcome: { status: 'completed' }, polls: 2 }) });
    const options = { apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl };
    const first = createEvoLink(options);
    const started = await experimental_startVideo({
      model: first.video('wan3.0-text-to-video'),
      prompt: 'A lighthouse in a storm',
      duration: 6,
      generateAudio: false,
    });
    await first.client.close();
    // The "restart": the operation goes through JSON, and a new provider with a new client reads it.
    const persisted = JSON.parse(JSON.stringify(started.operation));
    const second = createEvoLink(options);
    try {
      const model = second.video('wan3.0-text-to-video');
      const states: string[] = [];
      for (let i = 0; i < 5; i++) {
        const status = await experimental_getVideoStatus(model, { operation: persisted });
        states.push(status.status);
        if (status.status === 'completed') {
          expect(status.videos).toEqual([{ type: 'url', url: expect.stringContaining(server.contentUrl), mediaType: 'video/mp4' }]);
          expect(status.providerMetadata?.evolink).toMatchObject({ taskId: persisted.taskId, status: 'completed' });
          break;
        }
      }
      expect(states).toEqual(['pending', 'completed']);
      expect(creates(server)).toHaveLength(1);
      expect(creates(server)[0]!.body).toMatchObject({ duration: 6, generate_audio: false });
    } finally {
      await second.client.close();
    }
  });

  it('a failed task is a status error with the SDK message', async () => {
    await withProvider(
      {
        plan: () => ({ outcome: { status: 'failed', code: 'content_policy_violation', message: 'flagged' }, polls: 1 }),
      },
      async ({ provider }) => {
        await expect(
          experimental_generateVideo({
            model: provider.video('wan2.7-text-to-video'),
            prompt: 'x',
            poll: POLL,
            download: provider.download,
          }),
        ).rejects.toThrow(/failed \(content_policy_violation: flagged\)/);
      },
    );
  });

  it('an invalid duration is refused by the SDK before any request, with its message', async () => {
    await withProvider(undefined, async ({ server, provider }) => {
      const image = new Uint8Array(readFileSync(CAT_JPG));
      const call = experimental_generateVideo({
        model: provider.video('wan2.7-image-to-video'),
        prompt: { text: 'A cat playing piano', image },
        duration: 60,
        poll: POLL,
      });
      await expect(call).rejects.toBeInstanceOf(ValidationError);
      await expect(call).rejects.toThrow(/duration/);
      expect(server.requests).toHaveLength(0);
      expect(server.fileRequests).toHaveLength(0);
    });
  });

  it('the webhook option puts the callback URL in callback_url, then reads the task from the API', async () => {
    await withProvider(undefined, async ({ server, provider }) => {
      let notify: (body: unknown) => void = () => {};
      const received = new Promise<{ headers: Record<string, string>; body: never }>((resolve) => {
        notify = (body) => resolve({ headers: {}, body: body as never });
      });
      const call = experimental_generateVideo({
        model: provider.video('wan2.7-text-to-video'),
        prompt: 'A cat playing piano',
        webhook: async () => ({ url: 'https://hooks.example.com/evolink', received }),
        download: provider.download,
      });
      await expect.poll(() => creates(server).length).toBe(1);
      expect(creates(server)[0]!.body).toMatchObject({ callback_url: 'https://hooks.example.com/evolink' });
      // A forged delivery claims success; the model reads the task from the API, which still runs.
      notify({ status: 'completed', results: ['https://evil.example.com/x.mp4'] });
      await expect(call).rejects.toThrow(/did not complete after webhook/);
    });
  });

  it('an unknown model id is refused with the list of models', () => {
    const provider = createEvoLink({ apiKey: 'sk-unused-key-for-this-test' });
    expect(() => provider.video('wan2.7-text-to-vid' as never)).toThrow(/did you mean wan2\.7-text-to-video/);
  });
});
