import { describe, expect, it } from 'vitest';
import { fileFrom, ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { CAT_JPG, pngBytes } from '../support/media.js';

const uploadsOf = (server: Awaited<ReturnType<typeof setup>>['server']) =>
  server.fileRequests.filter((r) => r.path === '/api/v1/files/upload/stream');

describe('client.prepareMedia', () => {
  it('uploads local media and returns the parameters that will be sent, creating nothing', async () => {
    const { server, client } = await setup();
    const prepared = await client.prepareMedia({
      model: 'wan2.7-reference-video',
      prompt: 'Image 1 waves at Image 2',
      image_urls: ['https://cdn.example.com/girl.png', fileFrom(CAT_JPG), new Blob([pngBytes(400, 400)], { type: 'image/png' })],
    });
    expect(server.postCount).toBe(0);
    expect(uploadsOf(server)).toHaveLength(2);
    const urls = (prepared.params as { image_urls: unknown[] }).image_urls;
    expect(urls[0]).toBe('https://cdn.example.com/girl.png');
    expect(prepared.uploads.map((u) => [u.field, u.source.endsWith('cat.jpg') || u.source])).toEqual([
      ['image_urls[1]', true],
      ['image_urls[2]', prepared.uploads[1]!.source],
    ]);
    for (const [i, upload] of prepared.uploads.entries()) {
      expect(urls[i + 1]).toBe(upload.file.url);
      expect(upload.file.url).toMatch(new RegExp(`^${server.contentUrl}/`));
      expect(upload.file.expiresAt.getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);
    }
    // The prepared parameters create as they are, uploading nothing more.
    const task = await client.generate(prepared.params);
    expect(server.postCount).toBe(1);
    expect(uploadsOf(server)).toHaveLength(2);
    const created = server.requests.find((r) => r.method === 'POST')!;
    expect((created.body as { image_urls: unknown[] }).image_urls).toEqual(urls);
    expect(task.id).toMatch(/^task-unified-/);
  });

  it('refuses invalid parameters before uploading anything', async () => {
    const { server, client } = await setup();
    const error = await client
      .prepareMedia({ model: 'wan2.7-image-to-video', prompt: 'x', image_start: fileFrom(CAT_JPG), duration: 99 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['duration']);
    expect(uploadsOf(server)).toHaveLength(0);
  });

  it('validates parameters without local media too, and returns them unchanged', async () => {
    const { server, client } = await setup();
    const params = { model: 'wan2.7-text-to-video', prompt: 'A cat', duration: 5 } as const;
    await expect(client.prepareMedia(params)).resolves.toEqual({ params, uploads: [] });
    await expect(client.prepareMedia({ model: 'wan2.7-text-to-video', prompt: '' })).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('uploads the same bytes once across calls (the client remembers live uploads)', async () => {
    const { server, client } = await setup();
    const params = { model: 'wan2.7-image-to-video', prompt: 'x', image_start: fileFrom(CAT_JPG) } as const;
    const first = await client.prepareMedia(params);
    const second = await client.prepareMedia(params);
    expect(uploadsOf(server)).toHaveLength(1);
    expect(second.uploads[0]!.file.url).toBe(first.uploads[0]!.file.url);
  });
});
