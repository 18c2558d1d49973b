import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { MODE_RULES } from '../../src/models/wan27/generation-mode.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';

const MODEL = 'wan2.7-image-to-video';
const URLS = {
  image_start: 'https://example.com/first_frame.jpg',
  image_end: 'https://example.com/last_frame.png',
  video_urls: ['https://example.com/clip.mp4'],
  audio_urls: ['https://example.com/rap.mp3'],
} as const;
type Material = keyof typeof URLS;
const MATERIALS = Object.keys(URLS) as Material[];
const MODES = [undefined, 'first_frame', 'first_last_frame', 'video_continuation'] as const;

// From the docs: "Valid material combinations (any other combination will be rejected)", with the mode each implies.
const VALID_WITHOUT_MODE: [Material[], string][] = [
  [['image_start'], 'first_frame'],
  [['image_start', 'audio_urls'], 'first_frame'],
  [['image_start', 'image_end'], 'first_last_frame'],
  [['image_start', 'image_end', 'audio_urls'], 'first_last_frame'],
  [['video_urls'], 'video_continuation'],
  [['video_urls', 'image_end'], 'video_continuation'],
];
// From the generation_mode field description: Required / Not accepted per mode.
const DOC_MODE_TABLE = {
  first_frame: { required: ['image_start'], rejected: ['image_end', 'video_urls'] },
  first_last_frame: { required: ['image_start', 'image_end'], rejected: ['video_urls'] },
  video_continuation: { required: ['video_urls'], rejected: ['image_start', 'audio_urls'] },
} as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function expectation(materials: Material[], mode: (typeof MODES)[number]): string | undefined {
  if (mode === undefined) return VALID_WITHOUT_MODE.find(([set]) => sameSet(set, materials))?.[1];
  const rules = DOC_MODE_TABLE[mode];
  const ok = rules.required.every((m) => materials.includes(m)) && !rules.rejected.some((m) => materials.includes(m as Material));
  return ok ? mode : undefined;
}

const subsets: Material[][] = Array.from({ length: 16 }, (_, bits) => MATERIALS.filter((_, i) => bits & (1 << i)));
const cases = subsets.flatMap((materials) => MODES.map((mode) => ({ materials, mode, expected: expectation(materials, mode) })));

describe('wan2.7-image-to-video: generation_mode × materials (64 combinations from the docs)', () => {
  it('covers all 64 combinations, 6 + 6 valid ones', () => {
    expect(cases).toHaveLength(64);
    expect(cases.filter((c) => c.expected !== undefined)).toHaveLength(12);
  });

  it('encodes the same mode table as the docs', () => {
    for (const [mode, rules] of Object.entries(DOC_MODE_TABLE)) {
      expect(MODE_RULES[mode as keyof typeof MODE_RULES].required).toEqual(rules.required);
      expect(MODE_RULES[mode as keyof typeof MODE_RULES].rejected).toEqual(rules.rejected);
    }
  });

  it.each(cases)('$materials with mode $mode → $expected', ({ materials, mode, expected }) => {
    const params: Record<string, unknown> = { model: MODEL, prompt: 'A cat playing piano' };
    if (mode) params.generation_mode = mode;
    for (const m of materials) params[m] = URLS[m];
    if (expected === undefined) {
      const error = (() => {
        try {
          buildGenerationRequest(params);
        } catch (e) {
          return e;
        }
        throw new Error('expected a ValidationError');
      })();
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues;
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue.message).toMatch(/image_start|image_end|video_urls|audio_urls|materials|needs/);
    } else {
      const { body } = buildGenerationRequest(params);
      expect(body.generation_mode).toBe(expected);
      for (const m of materials) expect(body[m]).toEqual(URLS[m]);
    }
  });

  it('says what to change for a rejected material', () => {
    expect(() =>
      buildGenerationRequest({ model: MODEL, generation_mode: 'first_frame', image_start: URLS.image_start, image_end: URLS.image_end }),
    ).toThrow('image_end is not accepted in first_frame mode; use first_last_frame');
    expect(() => buildGenerationRequest({ model: MODEL, generation_mode: 'first_last_frame', image_start: URLS.image_start })).toThrow(
      'image_end is required in first_last_frame mode',
    );
    expect(() =>
      buildGenerationRequest({
        model: MODEL,
        generation_mode: 'video_continuation',
        video_urls: URLS.video_urls,
        audio_urls: URLS.audio_urls,
      }),
    ).toThrow('audio_urls is not accepted in video_continuation mode');
  });
});

function issuesOf(params: Record<string, unknown>): { path: string; message: string }[] {
  try {
    buildGenerationRequest({ model: MODEL, image_start: URLS.image_start, ...params });
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  }
}

// Field by field, from wan2.7-image-to-video.json and the page text.
const FIELD_CASES: [string, Record<string, unknown>, string | undefined][] = [
  ['prompt of 5000 characters', { prompt: 'x'.repeat(5000) }, undefined],
  ['prompt of 5001 characters', { prompt: 'x'.repeat(5001) }, 'prompt'],
  ['prompt omitted (optional for this model)', {}, undefined],
  ['prompt not a string', { prompt: 42 }, 'prompt'],
  ['negative_prompt of 500', { negative_prompt: 'n'.repeat(500) }, undefined],
  ['negative_prompt of 501', { negative_prompt: 'n'.repeat(501) }, 'negative_prompt'],
  ['quality 720p', { quality: '720p' }, undefined],
  ['quality 1080p', { quality: '1080p' }, undefined],
  ['quality 4k', { quality: '4k' }, 'quality'],
  ['quality 480p', { quality: '480p' }, 'quality'],
  ['duration 2', { duration: 2 }, undefined],
  ['duration 15', { duration: 15 }, undefined],
  ['duration 1', { duration: 1 }, 'duration'],
  ['duration 16', { duration: 16 }, 'duration'],
  ['duration 5.5 (integers only)', { duration: 5.5 }, 'duration'],
  ['duration as string', { duration: '5' }, 'duration'],
  ['seed 1', { seed: 1 }, undefined],
  ['seed 2147483647', { seed: 2147483647 }, undefined],
  ['seed 0', { seed: 0 }, 'seed'],
  ['seed 2147483648', { seed: 2147483648 }, 'seed'],
  ['seed 1.5', { seed: 1.5 }, 'seed'],
  ['prompt_extend true', { prompt_extend: true }, undefined],
  ['prompt_extend "yes"', { prompt_extend: 'yes' }, 'prompt_extend'],
  ['image_start not a URL', { image_start: 'cat.jpg' }, 'image_start'],
  ['image_start ftp URL', { image_start: 'ftp://example.com/cat.jpg' }, 'image_start'],
  ['image_start http URL', { image_start: 'http://example.com/cat.jpg' }, undefined],
  ['video_urls with two clips', { image_start: undefined, video_urls: ['https://a.com/1.mp4', 'https://a.com/2.mp4'] }, 'video_urls'],
  ['video_urls empty', { image_start: undefined, video_urls: [] }, 'video_urls'],
  ['audio_urls with two', { audio_urls: ['https://a.com/1.mp3', 'https://a.com/2.mp3'] }, 'audio_urls'],
  ['audio_urls item not a URL', { audio_urls: ['rap.mp3'] }, 'audio_urls.0'],
  ['aspect_ratio (not a field of this model)', { aspect_ratio: '16:9' }, 'aspect_ratio'],
  ['generation_mode unknown', { generation_mode: 'last_frame' }, 'generation_mode'],
  ['callback_url https public', { callback_url: 'https://your-domain.com/webhooks/video-task-completed' }, undefined],
  ['callback_url http', { callback_url: 'http://your-domain.com/hook' }, 'callback_url'],
  ['callback_url 127.0.0.1', { callback_url: 'https://127.0.0.1/hook' }, 'callback_url'],
  ['callback_url 10.x', { callback_url: 'https://10.1.2.3/hook' }, 'callback_url'],
  ['callback_url 172.16.x', { callback_url: 'https://172.16.0.1/hook' }, 'callback_url'],
  ['callback_url 172.31.x', { callback_url: 'https://172.31.255.255/hook' }, 'callback_url'],
  ['callback_url 172.32.x (public)', { callback_url: 'https://172.32.0.1/hook' }, undefined],
  ['callback_url 192.168.x', { callback_url: 'https://192.168.1.10/hook' }, 'callback_url'],
  ['callback_url localhost', { callback_url: 'https://localhost/hook' }, 'callback_url'],
  ['callback_url ::1', { callback_url: 'https://[::1]/hook' }, 'callback_url'],
  ['callback_url of 2048 characters', { callback_url: `https://a.com/${'x'.repeat(2048 - 14)}` }, undefined],
  ['callback_url of 2049 characters', { callback_url: `https://a.com/${'x'.repeat(2049 - 14)}` }, 'callback_url'],
];

describe('wan2.7-image-to-video: fields', () => {
  it.each(FIELD_CASES)('%s', (_name, params, failingPath) => {
    const issues = issuesOf(params);
    if (failingPath === undefined) expect(issues).toEqual([]);
    else expect(issues.map((i) => i.path)).toContain(failingPath);
  });

  it('rejects an unknown field by name and suggests the right one', () => {
    const [issue] = issuesOf({ imageStart: URLS.image_start });
    expect(issue).toEqual({ path: 'imageStart', message: expect.stringContaining('did you mean image_start?') });
  });

  it('names the escape hatch for fields it does not know', () => {
    const [issue] = issuesOf({ watermark: true });
    expect(issue?.message).toContain('extraBody');
  });

  it('reports every problem at once', () => {
    const paths = issuesOf({ generation_mode: 'first_frame', image_end: URLS.image_end, duration: 99, seed: 0 }).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['duration', 'seed', 'image_end']));
  });

  it('sends the inferred mode and nothing the caller did not give', () => {
    const { body } = buildGenerationRequest({ prompt: 'A cat playing piano', image_start: URLS.image_start }, { defaultModel: MODEL });
    expect(body).toEqual({ model: MODEL, generation_mode: 'first_frame', prompt: 'A cat playing piano', image_start: URLS.image_start });
  });

  it('never mutates the caller’s object', () => {
    const params = Object.freeze({ image_start: URLS.image_start, audio_urls: Object.freeze([...URLS.audio_urls]) });
    const { body } = buildGenerationRequest(params, { defaultModel: MODEL });
    expect(params).toEqual({ image_start: URLS.image_start, audio_urls: URLS.audio_urls });
    expect(body.audio_urls).not.toBe(params.audio_urls);
  });

  it('adds extraBody fields after validation (the escape hatch)', () => {
    const { body } = buildGenerationRequest({ model: MODEL, image_start: URLS.image_start }, { extraBody: { watermark: false } });
    expect(body.watermark).toBe(false);
    expect(() =>
      buildGenerationRequest({ model: MODEL, image_start: URLS.image_start }, { extraBody: JSON.parse('{"__proto__":{"x":1}}') }),
    ).toThrow(ValidationError);
  });

  it('rejects a model that the method does not serve', () => {
    expect(() => buildGenerationRequest({ model: 'wan2.7-text-to-video', prompt: 'x' }, { allowed: [MODEL] })).toThrow(
      /not supported here/,
    );
  });
});
