import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateParams, WanClient } from '../../src/index.js';
import { NOVITA_ROUTES, type NovitaModelId } from '../../src/providers/novita/routes.js';
import { FakeNovitaServer } from '../../src/testing/index.js';

// The SDK → novita mapping, field by field (spec/novita/wan-api-facts.md §9), each row sent end to end: the fake
// validates the flat body against novita's documented fields (an independent schema), and the recorded body must be
// exactly the expected one.

const IMG = 'https://example.com/a.jpg';
const IMG2 = 'https://example.com/b.jpg';
const IMG3 = 'https://example.com/c.jpg';
const VID = 'https://example.com/clip.mp4';
const VID2 = 'https://example.com/clip2.mp4';
const AUD = 'https://example.com/voice.mp3';
const AUD2 = 'https://example.com/voice2.mp3';

/** Minimal valid parameters per model, and the body they map to (EvoLink's defaults sent explicitly). */
const BASE: Record<NovitaModelId, { params: Record<string, unknown>; body: Record<string, unknown> }> = {
  'wan2.7-image-to-video': {
    params: { image_start: IMG },
    body: { image_url: IMG, resolution: '720P', duration: 5, prompt_extend: false, watermark: false },
  },
  'wan2.7-text-to-video': {
    params: { prompt: 'P' },
    body: { prompt: 'P', size: '1280*720', duration: 5, prompt_extend: false, watermark: false },
  },
  'wan2.7-reference-video': {
    params: { prompt: 'P', image_urls: [IMG] },
    body: { prompt: 'P', media: [{ type: 'reference_image', url: IMG }], size: '1280*720', duration: 5, watermark: false },
  },
  'wan2.7-video-edit': {
    params: { video_urls: [VID] },
    body: { video_url: VID, resolution: '720P', duration: 0, audio_setting: 'auto', prompt_extend: false, watermark: false },
  },
};

type Row = [name: string, model: NovitaModelId, params: Record<string, unknown>, body: Record<string, unknown>];
const I2V: NovitaModelId = 'wan2.7-image-to-video';
const T2V: NovitaModelId = 'wan2.7-text-to-video';
const R2V: NovitaModelId = 'wan2.7-reference-video';
const EDIT: NovitaModelId = 'wan2.7-video-edit';

const SIZES: [string, string, string][] = [
  ['720p', '16:9', '1280*720'],
  ['720p', '9:16', '720*1280'],
  ['720p', '1:1', '960*960'],
  ['720p', '4:3', '1088*832'],
  ['720p', '3:4', '832*1088'],
  ['1080p', '16:9', '1920*1080'],
  ['1080p', '9:16', '1080*1920'],
  ['1080p', '1:1', '1440*1440'],
  ['1080p', '4:3', '1632*1248'],
  ['1080p', '3:4', '1248*1632'],
];

/** `undefined` in params removes a base field; in body, a base key. */
const ROWS: Row[] = [
  ['i2v image_start → image_url', I2V, {}, {}],
  ['i2v prompt → prompt', I2V, { prompt: 'A cat playing piano' }, { prompt: 'A cat playing piano' }],
  ['i2v negative_prompt → negative_prompt', I2V, { negative_prompt: 'blur' }, { negative_prompt: 'blur' }],
  ['i2v image_end → last_frame_url', I2V, { image_end: IMG2 }, { last_frame_url: IMG2 }],
  ['i2v video_urls[0] → first_clip_url', I2V, { image_start: undefined, video_urls: [VID] }, { image_url: undefined, first_clip_url: VID }],
  ['i2v audio_urls[0] → driving_audio_url', I2V, { audio_urls: [AUD] }, { driving_audio_url: AUD }],
  ['i2v quality 1080p → resolution 1080P', I2V, { quality: '1080p' }, { resolution: '1080P' }],
  ['i2v quality 720p → resolution 720P', I2V, { quality: '720p' }, { resolution: '720P' }],
  ['i2v duration → duration', I2V, { duration: 12 }, { duration: 12 }],
  ['i2v seed 0 → seed 0 (novita allows 0)', I2V, { seed: 0 }, { seed: 0 }],
  ['i2v seed → seed', I2V, { seed: 2147483647 }, { seed: 2147483647 }],
  ['i2v prompt_extend → prompt_extend', I2V, { prompt_extend: true }, { prompt_extend: true }],
  ['i2v watermark → watermark', I2V, { watermark: true }, { watermark: true }],
  ['i2v generation_mode is checked, not sent', I2V, { generation_mode: 'first_last_frame', image_end: IMG2 }, { last_frame_url: IMG2 }],
  ['t2v prompt → prompt', T2V, {}, {}],
  ['t2v negative_prompt → negative_prompt', T2V, { negative_prompt: 'blur' }, { negative_prompt: 'blur' }],
  ['t2v audio_urls[0] → audio_url', T2V, { audio_urls: [AUD] }, { audio_url: AUD }],
  ['t2v aspect_ratio alone → 720p size', T2V, { aspect_ratio: '9:16' }, { size: '720*1280' }],
  ['t2v quality alone → 16:9 size', T2V, { quality: '1080p' }, { size: '1920*1080' }],
  ...SIZES.map(
    ([quality, aspect_ratio, size]): Row => [`t2v ${quality} ${aspect_ratio} → size ${size}`, T2V, { quality, aspect_ratio }, { size }],
  ),
  ['t2v duration → duration', T2V, { duration: 15 }, { duration: 15 }],
  ['t2v seed → seed', T2V, { seed: 0 }, { seed: 0 }],
  ['t2v prompt_extend → prompt_extend', T2V, { prompt_extend: true }, { prompt_extend: true }],
  ['t2v watermark → watermark', T2V, { watermark: true }, { watermark: true }],
  [
    'r2v image_urls → reference_image items',
    R2V,
    { image_urls: [IMG, IMG2] },
    {
      media: [
        { type: 'reference_image', url: IMG },
        { type: 'reference_image', url: IMG2 },
      ],
    },
  ],
  [
    'r2v video_urls → reference_video items, after the images',
    R2V,
    { video_urls: [VID, VID2] },
    {
      media: [
        { type: 'reference_image', url: IMG },
        { type: 'reference_video', url: VID },
        { type: 'reference_video', url: VID2 },
      ],
    },
  ],
  [
    'r2v image_start → first_frame item, last',
    R2V,
    { image_start: IMG2 },
    {
      media: [
        { type: 'reference_image', url: IMG },
        { type: 'first_frame', url: IMG2 },
      ],
    },
  ],
  [
    'r2v voice_bindings → reference_voice of the bound item',
    R2V,
    { image_urls: [IMG, IMG2], video_urls: [VID], model_params: { voice_bindings: { image2: AUD, video1: AUD2 } } },
    {
      media: [
        { type: 'reference_image', url: IMG },
        { type: 'reference_image', url: IMG2, reference_voice: AUD },
        { type: 'reference_video', url: VID, reference_voice: AUD2 },
      ],
    },
  ],
  [
    'r2v audio_urls → reference_voice, videos first, then images',
    R2V,
    { video_urls: [VID], audio_urls: [AUD, AUD2] },
    {
      media: [
        { type: 'reference_image', url: IMG, reference_voice: AUD2 },
        { type: 'reference_video', url: VID, reference_voice: AUD },
      ],
    },
  ],
  ['r2v quality + aspect_ratio → size', R2V, { quality: '1080p', aspect_ratio: '1:1' }, { size: '1440*1440' }],
  ['r2v duration → duration', R2V, { duration: 10 }, { duration: 10 }],
  ['r2v negative_prompt → negative_prompt', R2V, { negative_prompt: 'blur' }, { negative_prompt: 'blur' }],
  ['r2v seed → seed', R2V, { seed: 42 }, { seed: 42 }],
  ['r2v watermark → watermark', R2V, { watermark: true }, { watermark: true }],
  ['edit video_urls[0] → video_url', EDIT, {}, {}],
  ['edit prompt → prompt', EDIT, { prompt: 'Make it claymation' }, { prompt: 'Make it claymation' }],
  ['edit negative_prompt → negative_prompt', EDIT, { negative_prompt: 'blur' }, { negative_prompt: 'blur' }],
  ['edit image_urls[0] → reference_image_url', EDIT, { image_urls: [IMG] }, { reference_image_url: IMG }],
  [
    'edit image_urls[0..2] → reference_image_url, _2, _3',
    EDIT,
    { image_urls: [IMG, IMG2, IMG3] },
    { reference_image_url: IMG, reference_image_url_2: IMG2, reference_image_url_3: IMG3 },
  ],
  ['edit keep_original_sound true → audio_setting origin', EDIT, { keep_original_sound: true }, { audio_setting: 'origin' }],
  ['edit keep_original_sound false → audio_setting auto', EDIT, { keep_original_sound: false }, { audio_setting: 'auto' }],
  ['edit aspect_ratio → ratio', EDIT, { aspect_ratio: '4:3' }, { ratio: '4:3' }],
  ['edit quality → resolution', EDIT, { quality: '1080p' }, { resolution: '1080P' }],
  ['edit duration → duration', EDIT, { duration: 7 }, { duration: 7 }],
  ['edit seed → seed', EDIT, { seed: 0 }, { seed: 0 }],
  ['edit prompt_extend → prompt_extend', EDIT, { prompt_extend: true }, { prompt_extend: true }],
  ['edit watermark → watermark', EDIT, { watermark: true }, { watermark: true }],
];

function merged(base: Record<string, unknown>, delta: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base, ...delta };
  for (const [key, value] of Object.entries(delta)) if (value === undefined) delete out[key];
  return out;
}

describe('novita mapping, field by field, end to end (fake novita server)', () => {
  let server: FakeNovitaServer;
  let client: WanClient;
  beforeAll(async () => {
    server = await FakeNovitaServer.start();
    client = new WanClient({ provider: 'novita', apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it.each(ROWS)('%s', async (_name, model, params, delta) => {
    const sent = server.requests.length;
    await client.generate(merged({ model, ...BASE[model].params }, params) as GenerateParams);
    const [request] = server.requests.slice(sent);
    expect(request).toMatchObject({ method: 'POST', path: NOVITA_ROUTES[model] });
    expect(request!.body).toEqual(merged(BASE[model].body, delta));
  });

  it('covers every route and every SDK field of the four wan2.7 models', () => {
    expect(new Set(ROWS.map(([, model]) => model))).toEqual(new Set(Object.keys(NOVITA_ROUTES)));
    const covered = new Set(ROWS.flatMap(([, model, params]) => [...Object.keys(params), ...Object.keys(BASE[model].params)]));
    const fields = [
      'prompt',
      'negative_prompt',
      'image_start',
      'image_end',
      'video_urls',
      'audio_urls',
      'image_urls',
      'quality',
      'aspect_ratio',
      'duration',
      'seed',
      'prompt_extend',
      'watermark',
      'generation_mode',
      'keep_original_sound',
      'model_params',
    ];
    expect(fields.filter((f) => !covered.has(f))).toEqual([]);
  });
});
