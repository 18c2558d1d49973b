// Reference prompts that name materials that do not exist, or use the other provider's naming: warnings at `warn`
// (and on the estimate), never errors.
import { describe, expect, it } from 'vitest';
import type { GenerateParams, Logger } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { setupNovita } from '../support/fake-novita.js';

const IMG = (n: number) => `https://cdn.example.com/person-${n}.png`;
const CLIP = (n: number) => `https://cdn.example.com/clip-${n}.mp4`;

function recorder() {
  const warnings: string[] = [];
  const logger: Logger = { error() {}, info() {}, debug() {}, warn: (message) => warnings.push(message) };
  return { warnings, logger };
}

/** The warnings a create logs for `params` on EvoLink; the task is created all the same. */
async function evolinkWarnings(params: Record<string, unknown>): Promise<string[]> {
  const { warnings, logger } = recorder();
  const { server, client } = await setup({}, { logger });
  await client.generate(params as GenerateParams);
  expect(server.postCount).toBe(1);
  return warnings;
}

describe('EvoLink reference prompts', () => {
  it.each([
    [
      'Image 4 with two images',
      { prompt: 'Image 1 hands Image 4 a cup', image_urls: [IMG(1), IMG(2)] },
      [
        'prompt names "Image 4", but image_urls holds 2 images (Image N is image_urls[N-1]): the model ignores it; name one that exists or add the image',
      ],
    ],
    [
      '图3 with two images (Chinese)',
      { prompt: '图1和图3在跳舞', image_urls: [IMG(1), IMG(2)] },
      [
        'prompt names "图3", but image_urls holds 2 images (Image N is image_urls[N-1]): the model ignores it; name one that exists or add the image',
      ],
    ],
    [
      '视频2 with one clip',
      { prompt: '视频1和视频2', video_urls: [CLIP(1)] },
      [
        'prompt names "视频2", but video_urls holds 1 video (Video N is video_urls[N-1]): the model ignores it; name one that exists or add the video',
      ],
    ],
    [
      'Video 1 with no clip',
      { prompt: 'Image 1 watches Video 1', image_urls: [IMG(1)] },
      [
        'prompt names "Video 1", but video_urls holds 0 videos (Video N is video_urls[N-1]): the model ignores it; name one that exists or add the video',
      ],
    ],
    [
      "novita's character1",
      { prompt: 'character1 waves', image_urls: [IMG(1)] },
      ['prompt names "character1", novita\'s naming: on EvoLink write Image 1, Video 1 (or 图1, 视频1) for image_urls[0], video_urls[0]'],
    ],
    [
      'names that exist',
      { prompt: 'Image 1 and Image 2 talk; 视频1 plays behind them', image_urls: [IMG(1), IMG(2)], video_urls: [CLIP(1)] },
      [],
    ],
  ])('wan2.7-reference-video: %s', async (_name, params, expected) => {
    expect(await evolinkWarnings({ model: 'wan2.7-reference-video', ...params })).toEqual(expected);
  });

  it('wan3.0 names its reference audio too (Audio 2 with one sound)', async () => {
    const params = {
      model: 'wan3.0-reference-video',
      prompt: 'Image 1 sings Audio 2',
      image_urls: [IMG(1)],
      audio_urls: ['https://cdn.example.com/a.mp3'],
    };
    expect(await evolinkWarnings(params)).toEqual([
      'prompt names "Audio 2", but audio_urls holds 1 sound (Audio N is audio_urls[N-1]): the model ignores it; name one that exists or add the sound',
    ]);
  });

  it('other models and plain prompts are not read as references', async () => {
    expect(await evolinkWarnings({ model: 'wan2.7-text-to-video', prompt: 'Image 9 of a cat in Video 3' })).toEqual([]);
  });

  it('the estimate carries the same warnings, for the CLI to print', async () => {
    const { client } = await setup();
    const estimate = await client.estimateCost({ model: 'wan2.7-reference-video', prompt: 'Image 3 dances', image_urls: [IMG(1)] });
    expect(estimate.warnings).toEqual([
      'prompt names "Image 3", but image_urls holds 1 image (Image N is image_urls[N-1]): the model ignores it; name one that exists or add the image',
    ]);
  });
});

describe('novita reference prompts', () => {
  async function novitaWarnings(params: Record<string, unknown>): Promise<string[]> {
    const { warnings, logger } = recorder();
    const { client } = await setupNovita({}, { logger });
    await client.referenceToVideo(params as never);
    return warnings;
  }

  it("EvoLink's naming (English and Chinese) is named, with the character it means", async () => {
    expect(
      await novitaWarnings({ prompt: 'Image 2 greets Video 1; 图1 watches', image_urls: [IMG(1), IMG(2)], video_urls: [CLIP(1)] }),
    ).toEqual([
      'prompt names "Image 2", EvoLink\'s naming: novita numbers the references character1, character2, … (image_urls first, then video_urls), so write character2',
      'prompt names "Video 1", EvoLink\'s naming: novita numbers the references character1, character2, … (image_urls first, then video_urls), so write character3',
      'prompt names "图1", EvoLink\'s naming: novita numbers the references character1, character2, … (image_urls first, then video_urls), so write character1',
    ]);
  });

  it('a character beyond the references is named; ones that exist are not', async () => {
    expect(await novitaWarnings({ prompt: 'character1 meets character3', image_urls: [IMG(1), IMG(2)] })).toEqual([
      'prompt names "character3", but there are 2 references (character1 is the first of image_urls, then video_urls): the model ignores it',
    ]);
    expect(await novitaWarnings({ prompt: 'character1 meets character2', image_urls: [IMG(1)], video_urls: [CLIP(1)] })).toEqual([]);
  });
});
