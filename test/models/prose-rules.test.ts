import { describe, expect, it } from 'vitest';
import { MODEL_IDS, ValidationError, type ModelId } from '../../src/index.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';
import { VALID_CASES } from './valid-cases.js';

const img = (n: number) => `https://example.com/image${n}.png`;
const vid = (n: number) => `https://example.com/clip${n}.mp4`;
const aud = (n: number) => `https://example.com/voice${n}.mp3`;
const imgs = (n: number) => Array.from({ length: n }, (_, i) => img(i + 1));
const vids = (n: number) => Array.from({ length: n }, (_, i) => vid(i + 1));

/** The issue paths for a parameter set (empty when valid). */
function failures(model: ModelId, params: Record<string, unknown>): string[] {
  try {
    buildGenerationRequest({ model, ...params });
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => i.path.join('.') || '(request)');
  }
}

type Row = [string, Record<string, unknown>, string | null];

const R2V = { prompt: 'Image 1 dances' };
const T2V3 = { prompt: 'A kitten on a rooftop' };
const I2V3 = { image_start: img(1) };
const auds = (n: number) => Array.from({ length: n }, (_, i) => aud(i + 1));

/** Rules every wan3.0 model shares, each named after the docs' sentence it comes from; `base` makes a valid request. */
function wan30CommonRows(base: Record<string, unknown>): Row[] {
  return [
    ['duration: "Any integer between 2 and 30" (2)', { ...base, duration: 2 }, null],
    ['duration: "Any integer between 2 and 30" (30)', { ...base, duration: 30 }, null],
    ['duration: "Any integer between 2 and 30" (31)', { ...base, duration: 31 }, 'duration'],
    ['duration: "Any integer between 2 and 30" (1)', { ...base, duration: 1 }, 'duration'],
    ['duration: "Any integer between 2 and 30" (0)', { ...base, duration: 0 }, 'duration'],
    ['duration: "Any integer" (2.5)', { ...base, duration: 2.5 }, 'duration'],
    ['duration: "-1: smart duration"', { ...base, duration: -1 }, null],
    ['duration: -2 is neither', { ...base, duration: -2 }, 'duration'],
    ['quality: "480p: lower definition, lowest price"', { ...base, quality: '480p' }, null],
    ['quality: "1080p: high definition"', { ...base, quality: '1080p' }, null],
    ['quality: 4k is not an option', { ...base, quality: '4k' }, 'quality'],
    ['aspect_ratio: "adaptive: … this is the default"', { ...base, aspect_ratio: 'adaptive' }, null],
    ['aspect_ratio: "3:4"', { ...base, aspect_ratio: '3:4' }, null],
    ['aspect_ratio: 21:9 is not an option', { ...base, aspect_ratio: '21:9' }, 'aspect_ratio'],
    ['generate_audio: "false: silent video output"', { ...base, generate_audio: false }, null],
    ['generate_audio: a boolean, not "false"', { ...base, generate_audio: 'false' }, 'generate_audio'],
    ['seed: "Range: 0 ~ 2147483647" (0)', { ...base, seed: 0 }, null],
    ['seed: "Range: 0 ~ 2147483647" (2147483647)', { ...base, seed: 2147483647 }, null],
    ['seed: "Range: 0 ~ 2147483647" (-1)', { ...base, seed: -1 }, 'seed'],
    ['seed: "Range: 0 ~ 2147483647" (2147483648)', { ...base, seed: 2147483648 }, 'seed'],
    ['prompt: "maximum length 20000 characters" (20000)', { ...base, prompt: 'x'.repeat(20_000) }, null],
    ['prompt: "maximum length 20000 characters" (20001)', { ...base, prompt: 'x'.repeat(20_001) }, 'prompt'],
    ['negative_prompt is wan2.7 only', { ...base, negative_prompt: 'blur' }, 'negative_prompt'],
    ['prompt_extend is wan2.7 only', { ...base, prompt_extend: true }, 'prompt_extend'],
  ];
}

const TABLE: Record<string, Row[]> = {
  'wan3.0-text-to-video': [
    ...wan30CommonRows(T2V3),
    ['prompt: "required for wan3.0-text-to-video"', {}, 'prompt'],
    ['prompt: required, so not empty', { prompt: '' }, 'prompt'],
    ['"no media input is accepted": image_start', { ...T2V3, image_start: img(1) }, 'image_start'],
    ['"no media input is accepted": image_urls', { ...T2V3, image_urls: imgs(1) }, 'image_urls'],
    ['"no media input is accepted": video_urls', { ...T2V3, video_urls: vids(1) }, 'video_urls'],
    ['"no media input is accepted": audio_urls', { ...T2V3, audio_urls: auds(1) }, 'audio_urls'],
    [
      '"no media input is accepted": model_params.file_url',
      { ...T2V3, model_params: { file_url: 'https://example.com/a.pdf' } },
      'model_params',
    ],
  ],
  'wan3.0-image-to-video': [
    ...wan30CommonRows(I2V3),
    ['image_start: "Required"', { prompt: 'x' }, 'image_start'],
    ['prompt: "recommended" (so optional)', { ...I2V3 }, null],
    ['"add image_end to strictly set the last frame as well"', { ...I2V3, image_end: img(2) }, null],
    ['image_end: "passing the last frame alone is not supported"', { image_end: img(2) }, 'image_end'],
    ['image_start: a URL, not an array', { image_start: [img(1)] }, 'image_start'],
    ['"Reference material is not accepted": image_urls', { ...I2V3, image_urls: imgs(1) }, 'image_urls'],
    ['"Reference material is not accepted": video_urls', { ...I2V3, video_urls: vids(1) }, 'video_urls'],
    ['"Reference material is not accepted": audio_urls', { ...I2V3, audio_urls: auds(1) }, 'audio_urls'],
    [
      '"Reference material is not accepted": files / web pages',
      { ...I2V3, model_params: { link_url: 'https://example.com/' } },
      'model_params',
    ],
    ['generation_mode is wan2.7 only', { ...I2V3, generation_mode: 'first_frame' }, 'generation_mode'],
  ],
  'wan3.0-reference-video': [
    ...wan30CommonRows(R2V),
    ['"at least one of the two must be supplied": neither', {}, '(request)'],
    ['"at least one of the two": a blank prompt is no prompt', { prompt: '  ' }, '(request)'],
    ['"at least one of the two": empty arrays are no material', { image_urls: [], video_urls: [], audio_urls: [] }, '(request)'],
    ['"at least one of the two": empty model_params is no material', { model_params: {} }, '(request)'],
    ['"at least one of the two": prompt only', { prompt: 'A short film' }, null],
    ['"at least one of the two": an image only', { image_urls: imgs(1) }, null],
    ['"at least one of the two": a video only', { video_urls: vids(1) }, null],
    ['"at least one of the two": an audio only', { audio_urls: auds(1) }, null],
    ['"at least one of the two": a file only', { model_params: { file_url: 'https://example.com/deck.pptx' } }, null],
    ['"at least one of the two": a link only', { model_params: { link_url: 'https://example.com/article' } }, null],
    ['image_urls: "up to 10 images" (10)', { image_urls: imgs(10) }, null],
    ['image_urls: "up to 10 images" (11)', { image_urls: imgs(11) }, 'image_urls'],
    ['video_urls: "up to 5 clips" (5)', { video_urls: vids(5) }, null],
    ['video_urls: "up to 5 clips" (6)', { video_urls: vids(6) }, 'video_urls'],
    ['audio_urls: "up to 5 clips" (5)', { audio_urls: auds(5) }, null],
    ['audio_urls: "up to 5 clips" (6)', { audio_urls: auds(6) }, 'audio_urls'],
    [
      '"file_url and link_url are mutually exclusive"',
      { model_params: { file_url: 'https://example.com/a.pdf', link_url: 'https://example.com/' } },
      'model_params',
    ],
    [
      'file_url: "at most 1" (a string, not an array)',
      { model_params: { file_url: ['https://example.com/a.pdf'] } },
      'model_params.file_url',
    ],
    ['link_url: a web page URL', { model_params: { link_url: 'example.com/article' } }, 'model_params.link_url'],
    [
      '"voice_bindings voice-binding protocol is not supported"',
      { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { image1: aud(1) } } },
      'model_params.voice_bindings',
    ],
    ['"First and last frames are not accepted": image_start', { ...R2V, image_start: img(1) }, 'image_start'],
    ['"First and last frames are not accepted": image_end', { ...R2V, image_end: img(1) }, 'image_end'],
    ['"reference video + output must not exceed 30 seconds": 1 clip, duration 29', { video_urls: vids(1), duration: 29 }, null],
    [
      '"reference video + output must not exceed 30 seconds": 1 clip (≥ 1 s), duration 30',
      { video_urls: vids(1), duration: 30 },
      'duration',
    ],
    ['"reference video + output must not exceed 30 seconds": 5 clips, duration 25', { video_urls: vids(5), duration: 25 }, null],
    [
      '"reference video + output must not exceed 30 seconds": 5 clips (≥ 5 s), duration 26',
      { video_urls: vids(5), duration: 26 },
      'duration',
    ],
    ['"reference video + output must not exceed 30 seconds": smart duration with clips', { video_urls: vids(5), duration: -1 }, null],
    ['duration 30 with images only', { image_urls: imgs(1), duration: 30 }, null],
  ],
  'wan2.7-reference-video': [
    ['one image', { ...R2V, image_urls: imgs(1) }, null],
    ['no reference at all', { ...R2V }, '(request)'],
    ['image_start alone does not count', { ...R2V, image_start: img(9) }, '(request)'],
    ['empty arrays do not count', { ...R2V, image_urls: [], video_urls: [] }, '(request)'],
    ['5 references', { ...R2V, image_urls: imgs(2), video_urls: vids(3) }, null],
    ['6 references', { ...R2V, image_urls: imgs(3), video_urls: vids(3) }, '(request)'],
    ['5 references + image_start (not counted)', { ...R2V, image_start: img(9), image_urls: imgs(5) }, null],
    ['duration 15 with images only', { ...R2V, image_urls: imgs(1), duration: 15 }, null],
    ['duration 10 with a video', { ...R2V, video_urls: vids(1), duration: 10 }, null],
    ['duration 11 with a video', { ...R2V, video_urls: vids(1), duration: 11 }, 'duration'],
    ['duration 16', { ...R2V, image_urls: imgs(1), duration: 16 }, 'duration'],
    ['duration 1', { ...R2V, image_urls: imgs(1), duration: 1 }, 'duration'],
    ['voice binding image1', { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { image1: aud(1) } } }, null],
    [
      'voice binding skipping image2',
      { ...R2V, image_urls: imgs(3), model_params: { voice_bindings: { image1: aud(1), image3: aud(3) } } },
      null,
    ],
    [
      'voice binding key img1',
      { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { img1: aud(1) } } },
      'model_params.voice_bindings.img1',
    ],
    [
      'voice binding key image01',
      { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { image01: aud(1) } } },
      'model_params.voice_bindings.image01',
    ],
    [
      'voice binding key image0',
      { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { image0: aud(1) } } },
      'model_params.voice_bindings.image0',
    ],
    [
      'voice binding out of range',
      { ...R2V, image_urls: imgs(4), model_params: { voice_bindings: { image5: aud(1) } } },
      'model_params.voice_bindings.image5',
    ],
    [
      'voice binding video1 without videos',
      { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { video1: aud(1) } } },
      'model_params.voice_bindings.video1',
    ],
    [
      'voice binding empty value',
      { ...R2V, image_urls: imgs(1), model_params: { voice_bindings: { image1: '' } } },
      'model_params.voice_bindings.image1',
    ],
    [
      '6 voice bindings',
      {
        ...R2V,
        image_urls: imgs(3),
        video_urls: vids(2),
        model_params: {
          voice_bindings: { image1: aud(1), image2: aud(2), image3: aud(3), video1: aud(4), video2: aud(5), video3: aud(6) },
        },
      },
      'model_params.voice_bindings',
    ],
    ['audio_urls 5', { ...R2V, video_urls: vids(1), audio_urls: [aud(1), aud(2), aud(3), aud(4), aud(5)] }, null],
    ['audio_urls 6', { ...R2V, video_urls: vids(1), audio_urls: [aud(1), aud(2), aud(3), aud(4), aud(5), aud(6)] }, 'audio_urls'],
    ['prompt required', { image_urls: imgs(1) }, 'prompt'],
    [
      'model_params.shot_type (wan2.6 only)',
      { ...R2V, image_urls: imgs(1), model_params: { shot_type: 'single' } },
      'model_params.shot_type',
    ],
  ],
  'wan2.7-video-edit': [
    ['prompt optional', { video_urls: vids(1) }, null],
    ['no video', { prompt: 'x' }, 'video_urls'],
    ['two videos', { video_urls: vids(2) }, 'video_urls'],
    ['4 reference images', { video_urls: vids(1), image_urls: imgs(4) }, null],
    ['5 reference images', { video_urls: vids(1), image_urls: imgs(5) }, 'image_urls'],
    ['duration 0 (keep input length)', { video_urls: vids(1), duration: 0 }, null],
    ['duration 1', { video_urls: vids(1), duration: 1 }, 'duration'],
    ['duration 2', { video_urls: vids(1), duration: 2 }, null],
    ['duration 10', { video_urls: vids(1), duration: 10 }, null],
    ['duration 11', { video_urls: vids(1), duration: 11 }, 'duration'],
    ['duration 2.5', { video_urls: vids(1), duration: 2.5 }, 'duration'],
    ['keep_original_sound "yes"', { video_urls: vids(1), keep_original_sound: 'yes' }, 'keep_original_sound'],
    ['aspect_ratio 21:9', { video_urls: vids(1), aspect_ratio: '21:9' }, 'aspect_ratio'],
  ],
  'wan2.7-text-to-video': [
    ['aspect_ratio 1:1', { prompt: 'x', aspect_ratio: '1:1' }, null],
    ['aspect_ratio 21:9', { prompt: 'x', aspect_ratio: '21:9' }, 'aspect_ratio'],
    ['quality 720P (case matters)', { prompt: 'x', quality: '720P' }, 'quality'],
    ['audio_urls exactly one', { prompt: 'x', audio_urls: [aud(1)] }, null],
    ['audio_urls empty', { prompt: 'x', audio_urls: [] }, 'audio_urls'],
    ['audio_urls two', { prompt: 'x', audio_urls: [aud(1), aud(2)] }, 'audio_urls'],
    ['audio_url (the wan2.6 name)', { prompt: 'x', audio_url: aud(1) }, 'audio_url'],
    ['prompt 5001', { prompt: 'x'.repeat(5001) }, 'prompt'],
    ['empty prompt', { prompt: '' }, 'prompt'],
    ['seed -1', { prompt: 'x', seed: -1 }, 'seed'],
    ['duration NaN', { prompt: 'x', duration: Number.NaN }, 'duration'],
    ['duration Infinity', { prompt: 'x', duration: Number.POSITIVE_INFINITY }, 'duration'],
    ['image_start (another model’s field)', { prompt: 'x', image_start: img(1) }, 'image_start'],
  ],
  'wan2.6-text-to-video': [
    ['prompt 1500', { prompt: 'x'.repeat(1500) }, null],
    ['prompt 1501', { prompt: 'x'.repeat(1501) }, 'prompt'],
    ['shot_type multi', { prompt: 'x', model_params: { shot_type: 'multi' } }, null],
    [
      'shot_type with prompt_extend false (no effect)',
      { prompt: 'x', prompt_extend: false, model_params: { shot_type: 'multi' } },
      'model_params.shot_type',
    ],
    ['shot_type panoramic', { prompt: 'x', model_params: { shot_type: 'panoramic' } }, 'model_params.shot_type'],
    ['model_params.voice_bindings (wan2.7 only)', { prompt: 'x', model_params: { voice_bindings: {} } }, 'model_params.voice_bindings'],
    ['audio_url string', { prompt: 'x', audio_url: aud(1) }, null],
    ['audio_url as array', { prompt: 'x', audio_url: [aud(1)] }, 'audio_url'],
    ['audio_urls (the wan2.7 name)', { prompt: 'x', audio_urls: [aud(1)] }, 'audio_urls'],
    ['seed (wan2.7 only)', { prompt: 'x', seed: 1 }, 'seed'],
    ['negative_prompt (wan2.7 only)', { prompt: 'x', negative_prompt: 'blur' }, 'negative_prompt'],
    ['generate_audio (flash only)', { prompt: 'x', generate_audio: false }, 'generate_audio'],
    ['duration 15', { prompt: 'x', duration: 15 }, null],
    ['duration 16', { prompt: 'x', duration: 16 }, 'duration'],
    ['aspect_ratio 4:3', { prompt: 'x', aspect_ratio: '4:3' }, null],
    ['aspect_ratio 2:1', { prompt: 'x', aspect_ratio: '2:1' }, 'aspect_ratio'],
  ],
  'wan2.6-image-to-video': [
    ['one image', { prompt: 'x', image_urls: imgs(1) }, null],
    ['no image (the vendor example)', { prompt: 'x' }, 'image_urls'],
    ['two images', { prompt: 'x', image_urls: imgs(2) }, 'image_urls'],
    ['image_urls as string', { prompt: 'x', image_urls: img(1) }, 'image_urls'],
    ['aspect_ratio (follows the image)', { prompt: 'x', image_urls: imgs(1), aspect_ratio: '16:9' }, 'aspect_ratio'],
    ['generate_audio (flash only)', { prompt: 'x', image_urls: imgs(1), generate_audio: true }, 'generate_audio'],
    ['relative URL', { prompt: 'x', image_urls: ['/images/cat.png'] }, 'image_urls.0'],
    ['data URL', { prompt: 'x', image_urls: ['data:image/png;base64,AAAA'] }, 'image_urls.0'],
  ],
  'wan2.6-image-to-video-flash': [
    ['generate_audio false', { prompt: 'x', image_urls: imgs(1), generate_audio: false }, null],
    ['generate_audio "false"', { prompt: 'x', image_urls: imgs(1), generate_audio: 'false' }, 'generate_audio'],
    ['two images', { prompt: 'x', image_urls: imgs(2) }, 'image_urls'],
  ],
  'wan2.6-reference-video': [
    ['3 videos', { prompt: 'x', video_urls: vids(3) }, null],
    ['4 videos', { prompt: 'x', video_urls: vids(4) }, 'video_urls'],
    ['no videos', { prompt: 'x', video_urls: [] }, 'video_urls'],
    ['duration 10', { prompt: 'x', video_urls: vids(1), duration: 10 }, null],
    ['duration 11', { prompt: 'x', video_urls: vids(1), duration: 11 }, 'duration'],
    ['prompt_extend (not a field here)', { prompt: 'x', video_urls: vids(1), prompt_extend: true }, 'prompt_extend'],
    ['audio_url (not a field here)', { prompt: 'x', video_urls: vids(1), audio_url: aud(1) }, 'audio_url'],
    ['image_urls (not a field here)', { prompt: 'x', video_urls: vids(1), image_urls: imgs(1) }, 'image_urls'],
    ['shot_type without prompt_extend is fine here', { prompt: 'x', video_urls: vids(1), model_params: { shot_type: 'multi' } }, null],
  ],
  'wan2.6-reference-video-flash': [
    ['generate_audio', { prompt: 'x', video_urls: vids(1), generate_audio: true }, null],
    ['4 videos', { prompt: 'x', video_urls: vids(4) }, 'video_urls'],
  ],
};

describe.each(Object.entries(TABLE))('%s: rules from the docs', (model, rows) => {
  it.each(rows)('%s', (_name, params, failingPath) => {
    const paths = failures(model as ModelId, params);
    if (failingPath === null) expect(paths).toEqual([]);
    else expect(paths).toContain(failingPath);
  });
});

describe.each(MODEL_IDS)('%s: common rules', (model) => {
  const base = VALID_CASES.find((c) => c.params.model === model)!.params as Record<string, unknown>;

  it('accepts its valid cases', () => {
    for (const { params } of VALID_CASES.filter((c) => c.params.model === model)) expect(failures(model, params)).toEqual([]);
  });

  it.each([
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['a camelCase field', { callbackUrl: 'https://a.com/h' }, 'callbackUrl'],
    ['a fractional duration', { duration: 5.5 }, 'duration'],
    ['a callback on a private host', { callback_url: 'https://192.168.0.10/hook' }, 'callback_url'],
    ['a callback over http', { callback_url: 'http://a.com/hook' }, 'callback_url'],
    ['a prompt that is not a string', { prompt: ['x'] }, 'prompt'],
  ])('rejects %s', (_name, extra, path) => {
    expect(failures(model, { ...base, ...extra })).toContain(path);
  });

  it('names the misspelt field and suggests the right one', () => {
    try {
      buildGenerationRequest({ ...base, callbackUrl: 'https://a.com/h' });
      throw new Error('expected ValidationError');
    } catch (error) {
      expect((error as ValidationError).issues[0]?.message).toContain('did you mean callback_url?');
    }
  });
});
