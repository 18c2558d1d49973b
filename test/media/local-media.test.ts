import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileFrom, ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { bmpBytes, CAT_JPG, fixture, fixtureBytes, pngBytes, wavBytes } from '../support/media.js';

const catBytes = new Uint8Array(readFileSync(CAT_JPG));
const uploadsOf = (server: Awaited<ReturnType<typeof setup>>['server']) =>
  server.fileRequests.filter((r) => r.path === '/api/v1/files/upload/stream');

describe('local media in media fields', () => {
  it('uploads fileFrom(path), streamed as multipart, and sends only URLs in the create body', async () => {
    const { server, client } = await setup();
    const task = await client.imageToVideo({ prompt: 'A cat playing piano', image_start: fileFrom(CAT_JPG) });
    const [upload] = uploadsOf(server);
    expect(upload?.authorized).toBe(true);
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(upload?.headers['content-length'])).toBeGreaterThan(catBytes.length);
    const stored = [...server.uploads.values()][0]!;
    expect(Buffer.from(stored.bytes).equals(Buffer.from(catBytes))).toBe(true);
    expect(stored.originalName).toBe('cat.jpg');
    expect(stored.mimeType).toBe('image/jpeg');
    const body = server.requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(body.image_start).toMatch(new RegExp(`^${server.contentUrl}/`));
    expect(body.generation_mode).toBe('first_frame');
    expect(task.id).toMatch(/^task-unified-/);
  });

  it('accepts a file: URL, a Blob, a File, a Uint8Array, a Buffer and an ArrayBuffer', async () => {
    const { server, client } = await setup();
    const png = pngBytes(300, 400);
    const inputs = [
      pathToFileURL(CAT_JPG),
      new Blob([png], { type: 'image/png' }),
      new File([bmpBytes(400, 300)], 'frame.bmp'),
      fixtureBytes('photo.webp').slice(), // 320×240 webp
      Buffer.from(pngBytes(500, 500)),
      pngBytes(600, 300).slice().buffer,
    ];
    for (const input of inputs) {
      await client.editVideo({ video_urls: ['https://example.com/clip.mp4'], image_urls: [input] });
    }
    const posts = server.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { image_urls: string[] }).image_urls[0]);
    expect(posts.every((url) => url?.startsWith(`${server.contentUrl}/`))).toBe(true);
    expect([...server.uploads.values()].map((u) => u.mimeType)).toEqual([
      'image/jpeg',
      'image/png',
      'image/bmp',
      'image/webp',
      'image/png',
      'image/png',
    ]);
    expect([...server.uploads.values()][2]?.originalName).toBe('frame.bmp');
  });

  it('takes local media in every media field: clips, audio, voice bindings, wan2.6 audio_url', async () => {
    const { server, client } = await setup();
    const clip = (await import('../../src/testing/sample-video.js')).sampleVideo();
    await client.referenceToVideo({
      prompt: 'Image 1 talks to Video 1',
      image_urls: [fileFrom(CAT_JPG)],
      video_urls: [clip],
      model_params: { voice_bindings: { image1: fileFrom(fixture('voice.mp3')), video1: wavBytes(2) } },
    });
    await client.imageToVideo({
      model: 'wan2.6-image-to-video',
      prompt: 'p',
      image_urls: [fileFrom(CAT_JPG)],
      audio_url: fileFrom(fixture('av/sound-3s.mp3')), // wan2.6 audio_url: 3–30 s
    });
    type Sent = { video_urls: string[]; model_params: { voice_bindings: Record<string, string> }; audio_url: string };
    const [first, second] = server.requests.filter((r) => r.method === 'POST').map((r) => r.body as Sent);
    expect(first?.video_urls[0]).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect(Object.values(first?.model_params.voice_bindings ?? {}).every((u) => u.startsWith(server.contentUrl))).toBe(true);
    expect(second?.audio_url).toMatch(/^http:\/\/127\.0\.0\.1/);
    // cat.jpg was uploaded once, though used twice.
    expect(server.uploads.size).toBe(5);
  });

  it('uploads the same bytes once per client, so a resubmission with the same idempotencyKey sends an identical body', async () => {
    const { server, client } = await setup();
    const params = { prompt: 'A cat playing piano', image_start: fileFrom(CAT_JPG) };
    const first = await client.imageToVideo(params, { idempotencyKey: 'job-0001-same-photo' });
    const again = await client.imageToVideo({ ...params, image_start: new Blob([catBytes]) }, { idempotencyKey: 'job-0001-same-photo' });
    expect(again.id).toBe(first.id);
    expect(uploadsOf(server)).toHaveLength(1);
    const [a, b] = server.requests.filter((r) => r.method === 'POST');
    expect(b?.headers['idempotency-key']).toBe('job-0001-same-photo');
    expect(JSON.stringify(b?.body)).toBe(JSON.stringify(a?.body));
  });

  it('never changes the caller’s parameters', async () => {
    const { client } = await setup();
    const file = fileFrom(CAT_JPG);
    const params = { prompt: 'p', image_urls: [file] };
    await client.editVideo({ video_urls: ['https://example.com/a.mp4'], ...params });
    expect(params.image_urls[0]).toBe(file);
  });
});

describe('checked from the header bytes before anything is uploaded or billed', () => {
  async function rejected(params: Record<string, unknown>, method: 'imageToVideo' | 'referenceToVideo' | 'textToVideo' = 'imageToVideo') {
    const { server, client } = await setup();
    const error = await (client[method] as (p: unknown) => Promise<unknown>)(params).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.fileRequests).toHaveLength(0);
    expect(server.postCount).toBe(0);
    return error as ValidationError;
  }

  it('refuses a HEIC photo, whatever its name, naming the field and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evolink-media-'));
    writeFileSync(join(dir, 'photo.jpg'), fixtureBytes('photo.heic'));
    const error = await rejected({ prompt: 'p', image_start: fileFrom(join(dir, 'photo.jpg')) });
    expect(error.issues[0]?.path).toEqual(['image_start']);
    expect(error.message).toContain(
      `image_start (${join(dir, 'photo.jpg')}) is a HEIC/HEIF image; wan2.7-image-to-video takes JPEG, PNG, BMP or WEBP here: convert it to JPEG`,
    );
  });

  it('refuses a 100×100 thumbnail and a too-elongated image (wan2.7: 240–8000 px, 1:8–8:1)', async () => {
    const error = await rejected({ prompt: 'p', image_start: pngBytes(100, 100), image_end: pngBytes(4000, 300) });
    expect(error.issues.map((i) => i.message)).toEqual([
      'image_start (bytes) is 100×100 px; wan2.7-image-to-video needs at least 240 px per side: use a larger image',
      'image_end (bytes) is 4000×300 px (13.3:1); wan2.7-image-to-video takes aspect ratios from 1:8 to 8:1: crop it',
    ]);
  });

  it('refuses a 30 MB PNG (≤ 20 MB) and a PNG with transparency', async () => {
    const big = new Uint8Array(30 * 1024 * 1024);
    big.set(pngBytes(1000, 1000));
    const error = await rejected({ prompt: 'p', image_start: big, image_end: pngBytes(300, 300, { alpha: true }) });
    expect(error.issues.map((i) => i.message)).toEqual([
      'image_start (bytes) is 30 MB; wan2.7-image-to-video takes at most 20 MB here: compress or shrink it',
      'image_end (bytes) is a PNG with transparency, which wan2.7-image-to-video does not take: save it without an alpha channel, or as JPEG',
    ]);
  });

  it('applies wan2.6 image limits (360–2000 px, ≤ 10 MB) and mp3-only audio_url', async () => {
    const error = await rejected({
      model: 'wan2.6-image-to-video',
      prompt: 'p',
      image_urls: [pngBytes(3000, 2000)],
      audio_url: wavBytes(3),
    });
    expect(error.issues.map((i) => i.message)).toEqual([
      'image_urls[0] (bytes) is 3000×2000 px; wan2.6-image-to-video takes at most 2000 px per side: scale it down',
      'audio_url (bytes) is a WAV audio file; wan2.6-image-to-video takes MP3 here: convert it to MP3',
    ]);
  });

  it('refuses a clip that is not mp4/mov, and a missing file, all at once', async () => {
    const error = await rejected(
      { prompt: 'Video 1 dances', video_urls: [fixtureBytes('voice.mp3'), fileFrom('/no/such/clip.mp4')] },
      'referenceToVideo',
    );
    expect(error.issues.map((i) => i.message)).toEqual([
      'video_urls[0] (bytes) is an MP3 audio file; wan2.7-reference-video takes MP4 or MOV here: convert it to MP4',
      'video_urls[1]: /no/such/clip.mp4: no such file',
    ]);
  });

  it('reports parameter errors first, without reading any file', async () => {
    const error = await rejected({ prompt: 'p', image_start: fileFrom('/no/such/file.jpg'), duration: 99 });
    expect(error.issues.map((i) => i.path)).toEqual([['duration']]);
  });

  it('suggests fileFrom() when a media field holds a path', async () => {
    const error = await rejected({ prompt: 'p', image_start: './cat.jpg' });
    expect(error.message).toContain('for a local file pass fileFrom("./cat.jpg")');
  });
});
