import { describe, expectTypeOf, it } from 'vitest';
import {
  type CompletedTask,
  type DownloadResult,
  fileFrom,
  type ImageToVideoParams,
  type MediaInput,
  type ReferenceToVideoParams,
  WanClient,
} from '../../src/index.js';

const client = new WanClient({ apiKey: 'k' });

describe('media fields take MediaInput', () => {
  it('accepts local media wherever a media URL goes', () => {
    client.imageToVideo({ prompt: 'p', image_start: fileFrom('a.jpg'), image_end: new Blob([]), audio_urls: [new Uint8Array()] });
    client.imageToVideo({
      model: 'wan2.6-image-to-video',
      prompt: 'p',
      image_urls: [new URL('file:///a.png')],
      audio_url: new ArrayBuffer(1),
    });
    client.referenceToVideo({
      prompt: 'p',
      image_urls: ['https://x/a.png', fileFrom('b.png')],
      model_params: { voice_bindings: { image1: fileFrom('v.mp3') } },
    });
    client.referenceToVideo({ model: 'wan3.0-reference-video', prompt: 'p', model_params: { file_url: fileFrom('deck.pdf') } });
    expectTypeOf<Extract<ImageToVideoParams, { model?: 'wan2.7-image-to-video' | undefined }>['image_start']>().toEqualTypeOf<
      MediaInput | undefined
    >();
  });

  it('keeps non-media fields as they were', () => {
    // @ts-expect-error prompt is text, not media
    client.imageToVideo({ prompt: fileFrom('a.txt'), image_start: 'https://x/a.jpg' });
    // @ts-expect-error link_url is a web page, not an upload
    client.referenceToVideo({ model: 'wan3.0-reference-video', prompt: 'p', model_params: { link_url: fileFrom('a.html') } });
    expectTypeOf<Extract<ReferenceToVideoParams, { model: 'wan2.6-reference-video' }>['video_urls']>().toEqualTypeOf<MediaInput[]>();
  });

  it('gives completed tasks a download method', () => {
    expectTypeOf<CompletedTask['download']>().returns.toEqualTypeOf<Promise<DownloadResult>>();
  });
});
