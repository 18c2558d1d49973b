import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileUploadError, fileFrom, InternalServerError, InvalidOptionError, ValidationError } from '../../src/index.js';
import { faults } from '../../src/testing/index.js';
import { setup } from '../support/fake.js';
import { CAT_JPG, pngBytes } from '../support/media.js';

describe('client.files', () => {
  it('upload() streams a file and returns the UploadedFile with a parsed expiry', async () => {
    const { server, client } = await setup();
    const seen: number[] = [];
    const file = await client.files.upload(fileFrom(CAT_JPG), {
      fileName: 'kitty.jpg',
      uploadPath: 'demo',
      onProgress: ({ sent }) => seen.push(sent),
    });
    const size = readFileSync(CAT_JPG).length;
    expect(file).toMatchObject({ fileName: 'kitty.jpg', originalName: 'cat.jpg', size, mimeType: 'image/jpeg', uploadPath: 'demo' });
    expect(file.url).toBe(`${server.contentUrl}/demo/kitty.jpg`);
    expect(file.expiresAt.getTime() - file.uploadedAt!.getTime()).toBe(72 * 3600_000);
    expect(seen.at(-1)).toBe(size);
    expect(server.fileRequests[0]?.body).toMatchObject({ kind: 'stream', fileName: 'kitty.jpg', uploadPath: 'demo', size });
  });

  it('HTTP 200 with success:false is a FileUploadError with the code and the server message', async () => {
    const { server, client } = await setup();
    server.inject(faults.refuseUpload(415, 'Unsupported file type'));
    const error = (await client.files.upload(pngBytes(300, 300)).catch((e: unknown) => e)) as FileUploadError;
    expect(error).toBeInstanceOf(FileUploadError);
    expect(error).toMatchObject({ code: 415, serverMessage: 'Unsupported file type', status: 200 });
    expect(error.message).toContain('Unsupported file type');
  });

  it('a generation with local media fails with FileUploadError when the upload is refused; nothing is created', async () => {
    const { server, client } = await setup();
    server.inject(faults.refuseUpload(403, 'File quota exceeded'));
    await expect(client.imageToVideo({ prompt: 'p', image_start: fileFrom(CAT_JPG) })).rejects.toBeInstanceOf(FileUploadError);
    expect(server.postCount).toBe(0);
  });

  it('retries an upload only when no file can have been stored (429, 503, refused connection), not after a 502', async () => {
    const { server, client } = await setup({}, { retryBackoff: { initialDelay: 1, maxDelay: 1 } });
    server.inject(faults.status(503, { on: 'files', retryAfter: 0 }), faults.status(429, { on: 'files', retryAfter: 0 }));
    await client.files.upload(pngBytes(300, 300));
    expect(server.fileRequests).toHaveLength(3);
    server.inject(faults.status(502, { on: 'files' }));
    await expect(client.files.upload(pngBytes(301, 300))).rejects.toBeInstanceOf(InternalServerError);
    expect(server.fileRequests).toHaveLength(4);
    server.inject(faults.reset({ on: 'files' }));
    await expect(client.files.upload(pngBytes(302, 300))).rejects.toMatchObject({ name: 'APIConnectionError', mayHaveReachedServer: true });
    expect(server.fileRequests).toHaveLength(5);
  });

  it('uploads of one call run at most maxConcurrentUploads at a time', async () => {
    let running = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      const upload = String(input).includes('/upload/');
      if (upload) peak = Math.max(peak, ++running);
      try {
        return await fetch(input, init);
      } finally {
        if (upload) running--;
      }
    };
    const { server, client } = await setup({}, { maxConcurrentUploads: 2, fetch: counting });
    await client.referenceToVideo({ prompt: 'p', image_urls: [1, 2, 3, 4, 5].map((i) => pngBytes(300 + i, 300)) });
    expect(server.uploads.size).toBe(5);
    expect(peak).toBe(2);
  });

  it('uploadFromUrl() and quota()', async () => {
    const { server, client } = await setup();
    const first = await client.files.upload(pngBytes(300, 300));
    // The fake fetches only its own content origin (plain http on loopback, which the SDK allows for fakes).
    const copy = await client.files.uploadFromUrl(first.url, { fileName: 'copy.png' });
    expect(copy).toMatchObject({ fileName: 'copy.png', size: first.size, mimeType: 'image/png' });
    expect(server.fileRequests[1]?.body).toEqual({ kind: 'url', url: first.url, fileName: 'copy.png', uploadPath: undefined });
    await expect(client.files.uploadFromUrl('http://example.com/a.png')).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(client.files.uploadFromUrl('https://user:pw@example.com/a.png')).rejects.toBeInstanceOf(InvalidOptionError);
    const quota = await client.files.quota();
    expect(quota).toEqual({ used: 2, max: 2000, remaining: 1998, userGroup: 'default', isCustom: false, reason: undefined });
    expect(server.fileRequests.every((r) => r.authorized)).toBe(true);
  });

  it('checks upload options and inputs before sending', async () => {
    const { server, client } = await setup();
    await expect(client.files.upload('./cat.jpg' as never)).rejects.toThrow(/use fileFrom\(path\)/);
    await expect(client.files.upload(pngBytes(3, 3), { fileName: 'a/b.png' })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(client.files.upload(pngBytes(3, 3), { uploadPath: '../up' })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(client.files.upload(new Uint8Array())).rejects.toBeInstanceOf(ValidationError);
    await expect(client.files.upload(new Uint8Array(101 * 1024 * 1024))).rejects.toThrow(/takes at most 100 MB/);
    expect(server.fileRequests).toHaveLength(0);
  });
});

describe('a local source that fails while it is read', () => {
  it('is a FileUploadError, not a bare Error', async () => {
    const { client } = await setup();
    const failing = new Blob([new Uint8Array(1024)]);
    Object.defineProperty(failing, 'stream', {
      value: () =>
        new ReadableStream({
          pull(controller) {
            controller.error(new Error('disk gone'));
          },
        }),
    });
    await expect(client.files.upload(failing)).rejects.toBeInstanceOf(FileUploadError);
  });
});
