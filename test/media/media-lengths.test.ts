// Clip and sound lengths, clip sizes and shapes, and the request rules that depend on them, per model and field, at
// each documented limit ±1, with real files made by scripts/make-media-fixtures.sh (test/fixtures/media/av).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CostEstimate, fileFrom, type GenerateParams, ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { fixture } from '../support/media.js';

const av = (name: string) => fileFrom(fixture(`av/${name}`));
const URL_IMAGE = 'https://cdn.example.com/girl.png';

/** The estimate (which reads the media as a create would, nothing sent), or the ValidationError's messages. */
async function judge(params: Record<string, unknown>): Promise<CostEstimate | string[]> {
  const { server, client } = await setup();
  const result = await client.estimateCost(params as GenerateParams).catch((error: unknown) => {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => i.message);
  });
  expect(server.fileRequests).toHaveLength(0);
  expect(server.postCount).toBe(0);
  return result;
}

type Row = [model: string, build: (file: string) => Record<string, unknown>, file: string, refusal: string | undefined];

const continuation = (file: string) => ({ generation_mode: 'video_continuation', video_urls: [av(file)], duration: 15 });
const reference27 = (file: string) => ({ prompt: 'Video 1 waves', video_urls: [av(file)] });
const edit = (file: string) => ({ prompt: 'Make it snow', video_urls: [av(file)] });
const reference26 = (file: string) => ({ prompt: 'Video 1 waves', video_urls: [av(file)] });
const reference30 = (file: string) => ({ prompt: 'Video 1 waves', video_urls: [av(file)] });
const driving = (file: string) => ({ prompt: 'A cat sings', audio_urls: [av(file)] });
const drivingI2v = (file: string) => ({ generation_mode: 'first_frame', image_start: URL_IMAGE, audio_urls: [av(file)] });
const voice = (file: string) => ({
  prompt: 'Image 1 speaks',
  image_urls: [URL_IMAGE],
  model_params: { voice_bindings: { image1: av(file) } },
});
const legacyVoice = (file: string) => ({ prompt: 'Image 1 speaks', image_urls: [URL_IMAGE], audio_urls: [av(file)] });
const audio26 = (file: string) => ({ prompt: 'A cat sings', audio_url: av(file) });
const audio26i2v = (file: string) => ({ prompt: 'A cat sings', image_urls: [URL_IMAGE], audio_url: av(file) });
const audio30 = (file: string) => ({ prompt: 'Audio 1 plays', image_urls: [URL_IMAGE], audio_urls: [av(file)] });

const p = (name: string) => fixture(`av/${name}`);
const I2V = 'wan2.7-image-to-video';
const R2V = 'wan2.7-reference-video';

/** wan2.6's `audio_url` limit (3–30 s) for `model`, at each edge ±1. */
function audio26Rows(model: string, build: Row[1]): Row[] {
  return [
    [
      model,
      build,
      'sound-2s.mp3',
      `audio_url (${p('sound-2s.mp3')}) is 2.1 s long; ${model} takes sounds of 3–30 s here: use a longer one`,
    ],
    [model, build, 'sound-3s.mp3', undefined],
    [model, build, 'sound-30s.mp3', undefined],
    [
      model,
      build,
      'sound-31s.mp3',
      `audio_url (${p('sound-31s.mp3')}) is 31.1 s long; ${model} takes sounds of 3–30 s here: trim it to 30 s`,
    ],
  ];
}

const ROWS: Row[] = [
  // wan2.7-image-to-video video_urls (continuation clip): 2–10 s, 240–4096 px, 1:8–8:1.
  [
    I2V,
    continuation,
    'clip-1s.mp4',
    `video_urls[0] (${p('clip-1s.mp4')}) is 1.0 s long; ${I2V} takes clips of 2–10 s here: use a longer one`,
  ],
  [I2V, continuation, 'clip-2s.mp4', undefined],
  [I2V, continuation, 'clip-10s.mp4', undefined],
  [
    I2V,
    continuation,
    'clip-11s.mp4',
    `video_urls[0] (${p('clip-11s.mp4')}) is 11.0 s long; ${I2V} takes clips of 2–10 s here: trim it to 10 s`,
  ],
  [
    I2V,
    continuation,
    'clip-239x240.mp4',
    `video_urls[0] (${p('clip-239x240.mp4')}) is 239×240 px; ${I2V} needs at least 240 px per side: use a larger clip`,
  ],
  [I2V, continuation, 'clip-4096x512.mp4', undefined],
  [
    I2V,
    continuation,
    'clip-4097x513.mp4',
    `video_urls[0] (${p('clip-4097x513.mp4')}) is 4097×513 px; ${I2V} takes at most 4096 px per side: scale it down`,
  ],
  [I2V, continuation, 'clip-240x1920.mp4', undefined],
  [
    I2V,
    continuation,
    'clip-240x1921.mp4',
    `video_urls[0] (${p('clip-240x1921.mp4')}) is 240×1921 px (1:8.004); ${I2V} takes aspect ratios from 1:8 to 8:1: crop it`,
  ],
  [I2V, continuation, 'clip-1920x240.mp4', undefined],
  [
    I2V,
    continuation,
    'clip-1928x240.mp4',
    `video_urls[0] (${p('clip-1928x240.mp4')}) is 1928×240 px (8.033:1); ${I2V} takes aspect ratios from 1:8 to 8:1: crop it`,
  ],
  [I2V, continuation, 'clip.mov', undefined],
  // wan2.7-reference-video video_urls: 1–30 s.
  [
    R2V,
    reference27,
    'clip-0.5s.mp4',
    `video_urls[0] (${p('clip-0.5s.mp4')}) is 0.50 s long; ${R2V} takes clips of 1–30 s here: use a longer one`,
  ],
  [R2V, reference27, 'clip-1s.mp4', undefined],
  [R2V, reference27, 'clip-30s.mp4', undefined],
  [
    R2V,
    reference27,
    'clip-31s.mp4',
    `video_urls[0] (${p('clip-31s.mp4')}) is 31.0 s long; ${R2V} takes clips of 1–30 s here: trim it to 30 s`,
  ],
  [
    R2V,
    reference27,
    'clip-239x240.mp4',
    `video_urls[0] (${p('clip-239x240.mp4')}) is 239×240 px; ${R2V} needs at least 240 px per side: use a larger clip`,
  ],
  [R2V, reference27, 'clip-4096x512.mp4', undefined],
  [
    R2V,
    reference27,
    'clip-4097x513.mp4',
    `video_urls[0] (${p('clip-4097x513.mp4')}) is 4097×513 px; ${R2V} takes at most 4096 px per side: scale it down`,
  ],
  // wan2.7-video-edit video_urls: 2–10 s, 240–4096 px…
  [
    'wan2.7-video-edit',
    edit,
    'clip-1s.mp4',
    `video_urls[0] (${p('clip-1s.mp4')}) is 1.0 s long; wan2.7-video-edit takes clips of 2–10 s here: use a longer one`,
  ],
  ['wan2.7-video-edit', edit, 'clip-2s.mp4', undefined],
  ['wan2.7-video-edit', edit, 'clip-10s.mp4', undefined],
  [
    'wan2.7-video-edit',
    edit,
    'clip-11s.mp4',
    `video_urls[0] (${p('clip-11s.mp4')}) is 11.0 s long; wan2.7-video-edit takes clips of 2–10 s here: trim it to 10 s`,
  ],
  [
    'wan2.7-video-edit',
    edit,
    'clip-4097x513.mp4',
    `video_urls[0] (${p('clip-4097x513.mp4')}) is 4097×513 px; wan2.7-video-edit takes at most 4096 px per side: scale it down`,
  ],
  // …and 1:8–8:1 (the field's description: "Aspect ratio: 1:8 ~ 8:1").
  ['wan2.7-video-edit', edit, 'clip-1920x240.mp4', undefined],
  [
    'wan2.7-video-edit',
    edit,
    'clip-1928x240.mp4',
    `video_urls[0] (${p('clip-1928x240.mp4')}) is 1928×240 px (8.033:1); wan2.7-video-edit takes aspect ratios from 1:8 to 8:1: crop it`,
  ],
  // wan2.6 reference clips: 2–30 s, no pixel limits documented.
  [
    'wan2.6-reference-video',
    reference26,
    'clip-1s.mp4',
    `video_urls[0] (${p('clip-1s.mp4')}) is 1.0 s long; wan2.6-reference-video takes clips of 2–30 s here: use a longer one`,
  ],
  ['wan2.6-reference-video', reference26, 'clip-2s.mp4', undefined],
  ['wan2.6-reference-video', reference26, 'clip-30s.mp4', undefined],
  [
    'wan2.6-reference-video',
    reference26,
    'clip-31s.mp4',
    `video_urls[0] (${p('clip-31s.mp4')}) is 31.0 s long; wan2.6-reference-video takes clips of 2–30 s here: trim it to 30 s`,
  ],
  ['wan2.6-reference-video', reference26, 'clip-239x240.mp4', undefined],
  [
    'wan2.6-reference-video-flash',
    reference26,
    'clip-1s.mp4',
    `video_urls[0] (${p('clip-1s.mp4')}) is 1.0 s long; wan2.6-reference-video-flash takes clips of 2–30 s here: use a longer one`,
  ],
  ['wan2.6-reference-video-flash', reference26, 'clip-2s.mp4', undefined],
  ['wan2.6-reference-video-flash', reference26, 'clip-30s.mp4', undefined],
  [
    'wan2.6-reference-video-flash',
    reference26,
    'clip-31s.mp4',
    `video_urls[0] (${p('clip-31s.mp4')}) is 31.0 s long; wan2.6-reference-video-flash takes clips of 2–30 s here: trim it to 30 s`,
  ],
  // wan3.0-reference-video video_urls: 1–15 s each, 240–4096 px.
  [
    'wan3.0-reference-video',
    reference30,
    'clip-0.5s.mp4',
    `video_urls[0] (${p('clip-0.5s.mp4')}) is 0.50 s long; wan3.0-reference-video takes clips of 1–15 s here: use a longer one`,
  ],
  ['wan3.0-reference-video', reference30, 'clip-1s.mp4', undefined],
  ['wan3.0-reference-video', reference30, 'clip-15s.mp4', undefined],
  [
    'wan3.0-reference-video',
    reference30,
    'clip-16s.mp4',
    `video_urls[0] (${p('clip-16s.mp4')}) is 16.0 s long; wan3.0-reference-video takes clips of 1–15 s here: trim it to 15 s`,
  ],
  [
    'wan3.0-reference-video',
    reference30,
    'clip-240x1921.mp4',
    `video_urls[0] (${p('clip-240x1921.mp4')}) is 240×1921 px (1:8.004); wan3.0-reference-video takes aspect ratios from 1:8 to 8:1: crop it`,
  ],
  // wan2.7 driving audio (text- and image-to-video audio_urls): 2–30 s, wav or mp3.
  [
    'wan2.7-text-to-video',
    driving,
    'sound-1s.mp3',
    `audio_urls[0] (${p('sound-1s.mp3')}) is 1.1 s long; wan2.7-text-to-video takes sounds of 2–30 s here: use a longer one`,
  ],
  ['wan2.7-text-to-video', driving, 'sound-2s.mp3', undefined],
  ['wan2.7-text-to-video', driving, 'sound-30s.mp3', undefined],
  [
    'wan2.7-text-to-video',
    driving,
    'sound-31s.mp3',
    `audio_urls[0] (${p('sound-31s.mp3')}) is 31.1 s long; wan2.7-text-to-video takes sounds of 2–30 s here: trim it to 30 s`,
  ],
  [
    'wan2.7-text-to-video',
    driving,
    'sound-1s.wav',
    `audio_urls[0] (${p('sound-1s.wav')}) is 1.0 s long; wan2.7-text-to-video takes sounds of 2–30 s here: use a longer one`,
  ],
  ['wan2.7-text-to-video', driving, 'sound-2s.wav', undefined],
  ['wan2.7-text-to-video', driving, 'sound-30s.wav', undefined],
  [
    'wan2.7-text-to-video',
    driving,
    'sound-31s.wav',
    `audio_urls[0] (${p('sound-31s.wav')}) is 31.0 s long; wan2.7-text-to-video takes sounds of 2–30 s here: trim it to 30 s`,
  ],
  [
    I2V,
    drivingI2v,
    'sound-1s.wav',
    `audio_urls[0] (${p('sound-1s.wav')}) is 1.0 s long; ${I2V} takes sounds of 2–30 s here: use a longer one`,
  ],
  [I2V, drivingI2v, 'sound-2s.wav', undefined],
  [I2V, drivingI2v, 'sound-30s.mp3', undefined],
  [
    I2V,
    drivingI2v,
    'sound-31s.mp3',
    `audio_urls[0] (${p('sound-31s.mp3')}) is 31.1 s long; ${I2V} takes sounds of 2–30 s here: trim it to 30 s`,
  ],
  // wan2.7 reference voices (voice_bindings, legacy audio_urls): 1–10 s.
  [
    R2V,
    voice,
    'sound-0.5s.mp3',
    `model_params.voice_bindings.image1 (${p('sound-0.5s.mp3')}) is 0.55 s long; ${R2V} takes sounds of 1–10 s here: use a longer one`,
  ],
  [R2V, voice, 'sound-1s.wav', undefined],
  [R2V, voice, 'sound-10s.mp3', undefined],
  [
    R2V,
    voice,
    'sound-11s.mp3',
    `model_params.voice_bindings.image1 (${p('sound-11s.mp3')}) is 11.1 s long; ${R2V} takes sounds of 1–10 s here: trim it to 10 s`,
  ],
  [
    R2V,
    legacyVoice,
    'sound-0.5s.mp3',
    `audio_urls[0] (${p('sound-0.5s.mp3')}) is 0.55 s long; ${R2V} takes sounds of 1–10 s here: use a longer one`,
  ],
  [R2V, legacyVoice, 'sound-1s.mp3', undefined],
  [R2V, legacyVoice, 'sound-10s.mp3', undefined],
  [
    R2V,
    legacyVoice,
    'sound-11s.mp3',
    `audio_urls[0] (${p('sound-11s.mp3')}) is 11.1 s long; ${R2V} takes sounds of 1–10 s here: trim it to 10 s`,
  ],
  // wan2.6 audio_url: mp3, 3–30 s, on every wan2.6 model that takes one.
  ...audio26Rows('wan2.6-text-to-video', audio26),
  ...audio26Rows('wan2.6-image-to-video', audio26i2v),
  ...audio26Rows('wan2.6-image-to-video-flash', audio26i2v),
  // wan3.0-reference-video audio_urls: 1–15 s each.
  [
    'wan3.0-reference-video',
    audio30,
    'sound-0.5s.mp3',
    `audio_urls[0] (${p('sound-0.5s.mp3')}) is 0.55 s long; wan3.0-reference-video takes sounds of 1–15 s here: use a longer one`,
  ],
  ['wan3.0-reference-video', audio30, 'sound-1s.mp3', undefined],
  ['wan3.0-reference-video', audio30, 'sound-15s.mp3', undefined],
  [
    'wan3.0-reference-video',
    audio30,
    'sound-16s.mp3',
    `audio_urls[0] (${p('sound-16s.mp3')}) is 16.1 s long; wan3.0-reference-video takes sounds of 1–15 s here: trim it to 15 s`,
  ],
];

describe('clip and sound limits per model and field, at each limit ±1', () => {
  it.each(ROWS.map(([model, build, file, refusal]) => [`${model} ${build.name}: ${file}`, model, build, file, refusal] as const))(
    '%s',
    async (_name, model, build, file, refusal) => {
      const result = await judge({ model, ...build(file) });
      if (refusal === undefined) expect(result).toMatchObject({ model });
      else expect(result).toEqual([refusal]);
    },
  );
});

describe('the request rules that use measured lengths', () => {
  it.each([
    [
      'clip-6s.mp4',
      5,
      `video_urls[0] (${p('clip-6s.mp4')}) is 6.0 s; duration 5 must be ≥ the clip's length (it is the total output, clip included): set duration to 6 or more, or trim the clip`,
    ],
    [
      'clip-4.5s.mp4',
      4,
      `video_urls[0] (${p('clip-4.5s.mp4')}) is 4.5 s; duration 4 must be ≥ the clip's length (it is the total output, clip included): set duration to 5 or more, or trim the clip`,
    ],
    ['clip-4.5s.mp4', 5, undefined],
    ['clip-6s.mp4', 6, undefined],
  ])('video_continuation: a %s clip with duration %i', async (file, duration, refusal) => {
    const result = await judge({ model: I2V, generation_mode: 'video_continuation', video_urls: [av(file)], duration });
    if (refusal === undefined) expect(result).toMatchObject({ model: I2V, billedSeconds: duration });
    else expect(result).toEqual([refusal]);
  });

  it('video_continuation is the mode chosen for a clip when generation_mode is omitted (duration defaults to 5)', async () => {
    expect(await judge({ model: I2V, video_urls: [av('clip-6s.mp4')] })).toEqual([
      expect.stringContaining('is 6.0 s; duration 5 must be ≥'),
    ]);
  });

  it('wan3.0 reference clips: 15 s in total, and with the output 30 s at most', async () => {
    const twoClips = {
      model: 'wan3.0-reference-video',
      prompt: 'Video 1 meets Video 2',
      video_urls: [av('clip-10s.mp4'), av('clip-6s.mp4')],
    };
    expect(await judge(twoClips)).toEqual([
      `video_urls hold 16.0 s of reference video (video_urls[0] (${p('clip-10s.mp4')}) 10.0 s, video_urls[1] (${p('clip-6s.mp4')}) 6.0 s); wan3.0-reference-video takes 15 s in total at most: trim or drop one`,
    ]);
    const long = { model: 'wan3.0-reference-video', prompt: 'Video 1 waves', video_urls: [av('clip-15s.mp4')] };
    expect(await judge({ ...long, duration: 16 })).toEqual([
      'the reference clips (15.0 s) and duration 16 make 31.0 s; wan3.0-reference-video takes 30 s of reference video and output together at most: set duration to 15 or less',
    ]);
    expect(await judge({ ...long, duration: 15 })).toMatchObject({ billedSeconds: 30 });
  });

  it('wan3.0 reference audio: 15 s in total', async () => {
    const result = await judge({
      model: 'wan3.0-reference-video',
      prompt: 'Audio 1 then Audio 2',
      image_urls: [URL_IMAGE],
      audio_urls: [av('sound-10s.mp3'), av('sound-10s.mp3')],
    });
    expect(result).toEqual([expect.stringMatching(/^audio_urls hold 20\.1 s of reference audio .*takes 15 s in total at most/)]);
  });

  it('reports every problem of a request at once, on the create too: nothing uploaded, nothing created', async () => {
    const { server, client } = await setup();
    const error = await client
      .referenceToVideo({
        prompt: 'Video 1 and Video 2 talk',
        video_urls: [av('clip-31s.mp4'), av('clip-239x240.mp4')],
        model_params: { voice_bindings: { video1: av('sound-11s.mp3'), video2: av('sound-0.5s.mp3') } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      ['video_urls', 0],
      ['video_urls', 1],
      ['model_params', 'voice_bindings', 'video1'],
      ['model_params', 'voice_bindings', 'video2'],
    ]);
    expect(server.fileRequests).toHaveLength(0);
    expect(server.postCount).toBe(0);
  });
});

describe('every kind of local media', () => {
  const path = p('clip-11s.mp4');
  const bytes = new Uint8Array(readFileSync(path));
  it.each([
    ['fileFrom(path)', fileFrom(path), path],
    ['a file: URL', pathToFileURL(path), path],
    ['a Blob', new Blob([bytes]), 'a Blob'],
    ['a File', new File([bytes], 'clip-11s.mp4'), 'a File (clip-11s.mp4)'],
    ['bytes', bytes, 'bytes'],
    ['an ArrayBuffer', bytes.slice().buffer, 'bytes'],
  ])('%s is measured the same', async (_kind, media, label) => {
    expect(await judge({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [media] })).toEqual([
      `video_urls[0] (${label}) is 11.0 s long; wan2.7-video-edit takes clips of 2–10 s here: trim it to 10 s`,
    ]);
  });
});

describe('a container that cannot be read is judged by what can be read', () => {
  it('a fragmented MP4 without a stated length passes, with a debug log; its size is still checked', async () => {
    const lines: string[] = [];
    const logger = { error() {}, warn() {}, info() {}, debug: (message: string) => lines.push(message) };
    const { client } = await setup({}, { logger, logLevel: 'debug' });
    const clip = fixture('av/clip-fragmented.mp4');
    const estimate = await client.estimateCost({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [fileFrom(clip)] });
    expect(estimate.unknownInputs).toEqual(['video_urls[0]']);
    expect(lines).toContain(
      `video_urls[0] (${clip}): its length could not be read (its moov box gives no duration (a fragmented file without mehd?)); passed on, judged by its format and size`,
    );
  });

  it('a clip cut short before its moov passes (the server judges it), with a debug log', async () => {
    const lines: string[] = [];
    const logger = { error() {}, warn() {}, info() {}, debug: (message: string) => lines.push(message) };
    const { server, client } = await setup({}, { logger, logLevel: 'debug' });
    const cut = readFileSync(p('clip-6s.mp4')).subarray(0, 900); // ftyp, free and part of mdat; moov is at the end
    await client.editVideo({ prompt: 'Snow', video_urls: [new Uint8Array(cut)] });
    expect(server.postCount).toBe(1);
    expect(lines.some((l) => l.startsWith('video_urls[0] (bytes): its length could not be read (no moov box was found)'))).toBe(true);
  });
});

describe('measured lengths make the estimate exact', () => {
  it('a local clip is billed by its measured length; a URL stays unknown', async () => {
    const local = await judge({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: [av('clip-6s.mp4')] });
    expect(local).toMatchObject({ inputSeconds: 6, outputSeconds: 6, billedSeconds: 12, exact: true, unknownInputs: [] });
    const remote = await judge({ model: 'wan2.7-video-edit', prompt: 'Snow', video_urls: ['https://cdn.example.com/clip.mp4'] });
    expect(remote).toMatchObject({ exact: false, unknownInputs: ['video_urls[0]'] });
    const refs = await judge({
      model: R2V,
      prompt: 'Video 1 and Video 2',
      video_urls: [av('clip-4.5s.mp4'), 'https://cdn.example.com/b.mp4'],
      duration: 5,
    });
    expect(refs).toMatchObject({ inputSeconds: 4.5, outputSeconds: 5, exact: false, unknownInputs: ['video_urls[1]'] });
  });
});
