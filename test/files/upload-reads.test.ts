// Local media is read once, as it is sent: the client finds a file unchanged since its upload by its version (device,
// inode, size, times), and compares other media by SHA-256 only with uploads of the same size.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileUploadError, fileFrom, type MediaInput } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { bmpBytes } from '../support/media.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A 400×400 BMP (480 KB, several read chunks); `variant` changes a pixel near each end, not the size. */
function photo(variant = 0): Uint8Array {
  const bytes = bmpBytes(400, 400);
  bytes[1000] = variant;
  bytes[bytes.length - 1000] = variant;
  return bytes;
}

/** A Blob whose reads of all its bytes (`stream()`) are counted. */
function countedBlob(bytes: Uint8Array): { blob: Blob; reads: () => number } {
  const blob = new Blob([bytes], { type: 'image/bmp' });
  let reads = 0;
  const stream = blob.stream.bind(blob);
  Object.defineProperty(blob, 'stream', {
    value: () => {
      reads++;
      return stream();
    },
  });
  return { blob, reads: () => reads };
}

/** A photo written to a temp file whose last change was an hour ago (as a user's files are). */
function oldFile(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'evolink-reads-'));
  dirs.push(dir);
  const path = join(dir, 'photo.bmp');
  writeFileSync(path, bytes);
  const past = new Date(Date.now() - 3600_000);
  utimesSync(path, past, past);
  return path;
}

const params = (image: MediaInput) => ({ model: 'wan2.7-image-to-video', prompt: 'A cat', image_start: image }) as const;

describe('local media is read once, as it is sent', () => {
  it('the first upload of a size is sent without being hashed first: one read', async () => {
    const { server, client } = await setup();
    const first = countedBlob(photo());
    await client.prepareMedia(params(first.blob));
    expect(server.uploads.size).toBe(1);
    expect(first.reads()).toBe(1);
  });

  it('media of the size of an earlier upload is hashed: the same bytes are not sent again, other bytes are', async () => {
    const { server, client } = await setup();
    const first = await client.prepareMedia(params(countedBlob(photo()).blob));
    const same = countedBlob(photo());
    const again = await client.prepareMedia(params(same.blob));
    expect(same.reads()).toBe(1); // hashed, found, not sent
    expect(again.uploads[0]!.file.url).toBe(first.uploads[0]!.file.url);
    const other = countedBlob(photo(1));
    const third = await client.prepareMedia(params(other.blob));
    expect(other.reads()).toBe(2); // hashed, then sent
    expect(third.uploads[0]!.file.url).not.toBe(first.uploads[0]!.file.url);
    expect(server.uploads.size).toBe(2);
  });

  it('a file that has not changed is reused; one rewritten since, even to its old size and times, is sent again', async () => {
    const { server, client } = await setup();
    const path = oldFile(photo());
    const first = await client.prepareMedia(params(fileFrom(path)));
    const again = await client.prepareMedia(params(fileFrom(path)));
    expect(again.uploads[0]!.file.url).toBe(first.uploads[0]!.file.url);
    expect(server.uploads.size).toBe(1);
    writeFileSync(path, photo(1));
    const past = new Date(Date.now() - 3600_000);
    utimesSync(path, past, past); // the change time still moves: the file is not at the version uploaded
    const changed = await client.prepareMedia(params(fileFrom(path)));
    expect(changed.uploads[0]!.file.url).not.toBe(first.uploads[0]!.file.url);
    expect(server.uploads.size).toBe(2);
  });

  it('the same bytes at another path are found by their hash, the file uploaded first hashed only then', async () => {
    const { server, client } = await setup();
    const first = await client.prepareMedia(params(fileFrom(oldFile(photo()))));
    const copy = await client.prepareMedia(params(fileFrom(oldFile(photo()))));
    expect(copy.uploads[0]!.file.url).toBe(first.uploads[0]!.file.url);
    expect(server.uploads.size).toBe(1);
  });

  it('a file changed while it is being sent fails the upload with a FileUploadError; nothing is created', async () => {
    const { server, client } = await setup();
    const path = oldFile(photo());
    let rewritten = false;
    const call = client.imageToVideo(
      { prompt: 'A cat', image_start: fileFrom(path) },
      {
        onUploadProgress: () => {
          if (rewritten) return;
          rewritten = true;
          writeFileSync(path, photo(1));
        },
      },
    );
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileUploadError);
    expect((error as FileUploadError).message).toMatch(/changed while it was being uploaded/);
    expect(server.postCount).toBe(0);
  });
});
