import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFrom, InvalidOptionError, ValidationError, WanClient } from '../../src/index.js';
import { FakeEvoLinkServer } from '../../src/testing/index.js';
import { setupNovita } from '../support/fake-novita.js';

const CAT = join(import.meta.dirname, '../../examples/assets/cat.jpg');

describe('provider novita and local media: the novita key never goes to EvoLink’s files host', () => {
  it('a local file in a media field is a ValidationError naming the field and the provider; nothing is sent anywhere', async () => {
    const evolink = await FakeEvoLinkServer.start();
    try {
      const { server } = await setupNovita();
      const client = new WanClient({ provider: 'novita', apiKey: server.apiKey, baseURL: server.url, filesBaseURL: evolink.filesUrl });
      for (const image of [fileFrom(CAT), readFileSync(CAT), new Blob([readFileSync(CAT)])]) {
        const error = await client.imageToVideo({ prompt: 'A cat', image_start: image }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]).toMatchObject({ path: ['image_start'] });
        expect((error as Error).message).toMatch(/novita/);
      }
      await expect(client.files.upload(fileFrom(CAT))).rejects.toBeInstanceOf(InvalidOptionError);
      await expect(client.files.quota()).rejects.toBeInstanceOf(InvalidOptionError);
      expect(evolink.fileRequests).toHaveLength(0);
      expect(server.requests).toHaveLength(0);
      await client.close();
    } finally {
      await evolink.close();
    }
  });
});
