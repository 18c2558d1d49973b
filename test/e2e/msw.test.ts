import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsufficientQuotaError, WanClient } from '../../src/index.js';

// What many users do in their own test suites: msw's setupServer with default client options.
const created: unknown[] = [];
const server = setupServer(
  http.post('https://api.evolink.ai/v1/videos/generations', async ({ request }) => {
    const body = await request.json();
    created.push(body);
    if ((body as { prompt?: string }).prompt === 'broke') {
      return HttpResponse.json(
        { error: { code: 'insufficient_quota', message: 'Insufficient quota. Please top up your account.', type: 'insufficient_quota' } },
        { status: 402 },
      );
    }
    return HttpResponse.json({ id: 'task-unified-1757169743-msw00001', status: 'pending', progress: 0, created: 1757169743 });
  }),
  http.get('https://api.evolink.ai/v1/tasks/:id', ({ params }) =>
    HttpResponse.json({ id: params.id, status: 'completed', progress: 100, results: ['https://cdn.example/msw.mp4'] }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('msw setupServer intercepts the SDK with default options', () => {
  it('create and wait', async () => {
    const client = new WanClient({ apiKey: 'sk-msw-test-key-000' });
    const video = await client
      .imageToVideo({ prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' })
      .waitForResult({ pollInterval: 1 });
    expect(video.url).toBe('https://cdn.example/msw.mp4');
    expect(created).toContainEqual(expect.objectContaining({ model: 'wan2.7-image-to-video', generation_mode: 'first_frame' }));
    await client.close();
  });

  it('error responses from msw handlers become typed errors', async () => {
    const client = new WanClient({ apiKey: 'sk-msw-test-key-000' });
    await expect(client.imageToVideo({ prompt: 'broke', image_start: 'https://example.com/cat.jpg' })).rejects.toBeInstanceOf(
      InsufficientQuotaError,
    );
    await client.close();
  });
});
