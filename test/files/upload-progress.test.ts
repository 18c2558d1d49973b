import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileFrom, type MediaUploadProgress } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { CAT_JPG } from '../support/media.js';

describe('onUploadProgress (request option)', () => {
  it("reports the bytes of each upload of a generation call's local media, up to the file's size", async () => {
    const { client } = await setup();
    const events: MediaUploadProgress[] = [];
    await client.imageToVideo(
      { prompt: 'A cat playing piano', image_start: fileFrom(CAT_JPG) },
      { onUploadProgress: (p) => events.push(p) },
    );
    const size = statSync(CAT_JPG).size;
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ file: expect.stringContaining('cat.jpg'), sent: size, total: size });
    expect(events.map((e) => e.sent)).toEqual([...events.map((e) => e.sent)].sort((a, b) => a - b));
  });

  it('is refused when it is not a function, before anything is sent', async () => {
    const { server, client } = await setup();
    const call = client.textToVideo({ prompt: 'a cat' }, { onUploadProgress: 'yes' as never });
    await expect(call).rejects.toThrow(/onUploadProgress must be a function/);
    expect(server.requests).toHaveLength(0);
  });
});
