import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { evolink } from '../../src/providers/evolink/index.js';
import { novita } from '../../src/providers/novita/index.js';
import type { Provider } from '../../src/providers/provider.js';
import type { BuildOptions } from '../../src/request/build-generation.js';
import { setupNovita } from '../support/fake-novita.js';

const IMG = 'https://example.com/a.jpg';
const VID = 'https://example.com/clip.mp4';
const AUD = 'https://example.com/voice.mp3';
const I2V = { model: 'wan2.7-image-to-video', image_start: IMG };
const T2V = { model: 'wan2.7-text-to-video', prompt: 'P' };
const R2V = { model: 'wan2.7-reference-video', prompt: 'P', image_urls: [IMG] };
const EDIT = { model: 'wan2.7-video-edit', video_urls: [VID] };

/** The issues a provider raises for these parameters (`[]` when it accepts them). */
function issuesOf(provider: Provider, params: Record<string, unknown>, options: BuildOptions = {}): { path: string; message: string }[] {
  try {
    provider.createTask(params, options);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  }
}
const pathsOf = (provider: Provider, params: Record<string, unknown>) => issuesOf(provider, params).map((i) => i.path);

describe('validation per provider: novita’s limits where they differ from EvoLink’s', () => {
  // [rule, params, novita's verdict (the failing path, or undefined), EvoLink's verdict]
  const table: [string, Record<string, unknown>, string | undefined, string | undefined][] = [
    ['t2v prompt of 1500 characters', { ...T2V, prompt: 'x'.repeat(1500) }, undefined, undefined],
    ['t2v prompt of 1501 characters', { ...T2V, prompt: 'x'.repeat(1501) }, 'prompt', undefined],
    ['r2v prompt of 1501 characters', { ...R2V, prompt: 'x'.repeat(1501) }, 'prompt', undefined],
    ['i2v prompt of 5000 characters', { ...I2V, prompt: 'x'.repeat(5000) }, undefined, undefined],
    ['seed 0', { ...T2V, seed: 0 }, undefined, 'seed'],
    ['seed 2147483647', { ...I2V, seed: 2147483647 }, undefined, undefined],
    ['seed 2147483648', { ...I2V, seed: 2147483648 }, 'seed', 'seed'],
    ['seed -1', { ...EDIT, seed: -1 }, 'seed', 'seed'],
    ['seed 1.5', { ...R2V, seed: 1.5 }, 'seed', 'seed'],
    ['edit with 3 reference images', { ...EDIT, image_urls: [IMG, IMG, IMG] }, undefined, undefined],
    ['edit with 4 reference images', { ...EDIT, image_urls: [IMG, IMG, IMG, IMG] }, 'image_urls', undefined],
    ['r2v duration 10', { ...R2V, duration: 10 }, undefined, undefined],
    ['r2v duration 12 without clips', { ...R2V, duration: 12 }, 'duration', undefined],
    ['r2v 3 clips', { ...R2V, image_urls: undefined, video_urls: [VID, VID, VID] }, undefined, undefined],
    ['r2v 4 clips', { ...R2V, image_urls: undefined, video_urls: [VID, VID, VID, VID] }, 'video_urls', undefined],
    ['r2v 5 references + image_start', { ...R2V, image_urls: [IMG, IMG, IMG, IMG, IMG], image_start: IMG }, '', undefined],
    ['r2v 4 references + image_start', { ...R2V, image_urls: [IMG, IMG, IMG, IMG], image_start: IMG }, undefined, undefined],
    ['r2v prompt_extend (no such field on novita)', { ...R2V, prompt_extend: false }, 'prompt_extend', undefined],
    [
      'r2v audio_urls with voice_bindings',
      { ...R2V, audio_urls: [AUD], model_params: { voice_bindings: { image1: AUD } } },
      'audio_urls',
      undefined,
    ],
    ['r2v more voices than references', { ...R2V, audio_urls: [AUD, AUD] }, 'audio_urls', undefined],
    ['r2v one voice per reference', { ...R2V, video_urls: [VID], audio_urls: [AUD, AUD] }, undefined, undefined],
    [
      'i2v continuation with an ending frame (undocumented on novita)',
      { ...I2V, image_start: undefined, video_urls: [VID], image_end: IMG },
      'image_end',
      undefined,
    ],
    ['i2v first + last frame', { ...I2V, image_end: IMG }, undefined, undefined],
    ['callback_url on i2v', { ...I2V, callback_url: 'https://example.com/hook' }, 'callback_url', undefined],
    ['callback_url on t2v', { ...T2V, callback_url: 'https://example.com/hook' }, 'callback_url', undefined],
    ['callback_url on r2v', { ...R2V, callback_url: 'https://example.com/hook' }, 'callback_url', undefined],
    ['callback_url on edit', { ...EDIT, callback_url: 'https://example.com/hook' }, 'callback_url', undefined],
    ['watermark true', { ...T2V, watermark: true }, undefined, 'watermark'],
    ['watermark "yes"', { ...T2V, watermark: 'yes' }, 'watermark', 'watermark'],
    ['watermark undefined', { ...T2V, watermark: undefined }, undefined, undefined],
    ['generation_mode is still checked', { ...I2V, generation_mode: 'video_continuation' }, 'video_urls', 'video_urls'],
    ['an unknown field is still refused by name', { ...I2V, imageStart: IMG }, 'imageStart', 'imageStart'],
  ];
  it.each(table)('%s', (_name, params, onNovita, onEvoLink) => {
    const novitaPaths = pathsOf(novita, params);
    const evolinkPaths = pathsOf(evolink, params);
    if (onNovita === undefined) expect(novitaPaths).toEqual([]);
    else expect(novitaPaths).toContain(onNovita);
    if (onEvoLink === undefined) expect(evolinkPaths).toEqual([]);
    else expect(evolinkPaths).toContain(onEvoLink);
  });

  it('names novita in every novita-only refusal, and says what to change', () => {
    const issues = [
      ...issuesOf(novita, { ...T2V, prompt: 'x'.repeat(1501), seed: -1, callback_url: 'https://example.com/hook' }),
      ...issuesOf(novita, { ...EDIT, image_urls: [IMG, IMG, IMG, IMG] }),
      ...issuesOf(novita, { ...R2V, prompt_extend: true, duration: 12 }),
    ];
    expect(issues).toHaveLength(6);
    for (const issue of issues) expect(issue.message).toMatch(/novita/);
    expect(issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('remove it and wait with waitForResult()'),
        expect.stringContaining('at most 3 reference images'),
      ]),
    );
  });

  it('refuses watermark on EvoLink with a message pointing to novita', () => {
    expect(issuesOf(evolink, { ...T2V, watermark: false })).toEqual([
      { path: 'watermark', message: expect.stringMatching(/watermark is a novita option.*provider: 'novita'/) },
    ]);
  });

  it('reports a field that both rule sets refuse once', () => {
    expect(pathsOf(novita, { ...R2V, duration: 20 })).toEqual(['duration']);
    expect(pathsOf(novita, { ...EDIT, image_urls: [IMG, IMG, IMG, IMG, IMG] })).toEqual(['image_urls']);
  });

  it('reports novita’s and the shared problems together', () => {
    expect(pathsOf(novita, { ...T2V, prompt: 'x'.repeat(1501), duration: 99, seed: 0 })).toEqual(['duration', 'prompt']);
  });

  it.each(['wan2.6-text-to-video', 'wan2.6-image-to-video-flash', 'wan3.0-text-to-video', 'wan3.0-reference-video'])(
    'refuses %s, naming the provider',
    (model) => {
      expect(issuesOf(novita, { model, prompt: 'P' })).toEqual([
        { path: 'model', message: expect.stringMatching(/not available with provider novita.*use provider evolink/) },
      ]);
    },
  );

  it('lists only novita’s models when the model is missing or unknown', () => {
    const [missing] = issuesOf(novita, { prompt: 'P' });
    expect(missing?.message).toBe(
      'model is required; use one of: wan2.7-text-to-video, wan2.7-image-to-video, wan2.7-reference-video, wan2.7-video-edit',
    );
    const [wrongKind] = issuesOf(
      novita,
      { model: 'wan2.7-text-to-video', prompt: 'P' },
      { allowed: ['wan2.7-image-to-video', 'wan3.0-image-to-video'] },
    );
    expect(wrongKind?.message).toMatch(/use one of: wan2.7-image-to-video$/);
  });

  it('adds extraBody fields to the flat body after validation', () => {
    const spec = novita.createTask({ ...R2V }, { extraBody: { shot_type: 'multi', audio: false } });
    expect(spec.body).toMatchObject({ shot_type: 'multi', audio: false, media: [{ type: 'reference_image', url: IMG }] });
    expect(() => novita.createTask({ ...R2V }, { extraBody: { model: 'x' } })).toThrow(ValidationError);
  });

  it('never mutates the caller’s object', () => {
    const params = Object.freeze({ ...R2V, image_urls: Object.freeze([IMG]), seed: 0, watermark: true });
    novita.createTask(params, {});
    expect(params).toEqual({ ...R2V, seed: 0, watermark: true });
  });

  it('sends nothing when the parameters are refused', async () => {
    const { server, client } = await setupNovita();
    await expect(client.textToVideo({ prompt: 'x'.repeat(1501) })).rejects.toThrow(/at most 1500 characters on novita/);
    await expect(client.textToVideo({ model: 'wan3.0-text-to-video', prompt: 'P' })).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
