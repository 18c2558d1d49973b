import { describe, expectTypeOf, it } from 'vitest';
import { type ClientOptions, type ProviderName, WanClient } from '../../src/index.js';

const client = new WanClient({ provider: 'novita', apiKey: 'k' });
const img = 'https://example.com/a.jpg';
const clip = 'https://example.com/a.mp4';

describe('provider types', () => {
  it('names the gateways', () => {
    expectTypeOf<ProviderName>().toEqualTypeOf<'evolink' | 'novita'>();
    expectTypeOf<ClientOptions['provider']>().toEqualTypeOf<ProviderName | undefined>();
    // @ts-expect-error not a provider
    new WanClient({ provider: 'dashscope' });
  });

  it('accepts watermark on the wan2.7 parameters (refused at run time by EvoLink)', () => {
    client.imageToVideo({ image_start: img, watermark: true });
    client.textToVideo({ prompt: 'x', watermark: false });
    client.referenceToVideo({ prompt: 'x', image_urls: [img], watermark: true });
    client.editVideo({ video_urls: [clip], watermark: true });
    client.generate({ model: 'wan2.7-video-edit', video_urls: [clip], watermark: true });
  });

  it('refuses watermark on the models novita does not serve', () => {
    // @ts-expect-error watermark is novita's, and novita serves wan2.7 only
    client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'x', watermark: true });
    // @ts-expect-error watermark is novita's, and novita serves wan2.7 only
    client.imageToVideo({ model: 'wan2.6-image-to-video', prompt: 'x', image_urls: [img], watermark: true });
    // @ts-expect-error watermark is a boolean
    client.textToVideo({ prompt: 'x', watermark: 'yes' });
  });
});
