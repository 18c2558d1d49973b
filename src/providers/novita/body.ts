import { withoutUndefined } from '../../request/build-generation.js';
import type { NovitaModelId } from './routes.js';

type Data = Record<string, unknown>;
type Quality = '720p' | '1080p';
type Ratio = '16:9' | '9:16' | '1:1' | '4:3' | '3:4';

/** novita's `resolution` for the SDK's `quality` (upper-case P). */
export const NOVITA_RESOLUTION: Record<Quality, string> = { '720p': '720P', '1080p': '1080P' };

/**
 * novita's `size` (`W*H`, wan2.7-t2v and -r2v) for the SDK's `quality` and `aspect_ratio`. Its 4:3 and 3:4 sizes are
 * novita's own (1088×832), not EvoLink's (1104×832).
 */
export const NOVITA_SIZES: Record<Quality, Record<Ratio, string>> = {
  '720p': { '16:9': '1280*720', '9:16': '720*1280', '1:1': '960*960', '4:3': '1088*832', '3:4': '832*1088' },
  '1080p': { '16:9': '1920*1080', '9:16': '1080*1920', '1:1': '1440*1440', '4:3': '1632*1248', '3:4': '1248*1632' },
};

const firstOf = (urls: unknown): unknown => (Array.isArray(urls) ? urls[0] : undefined);
const urlsOf = (urls: unknown): string[] => (Array.isArray(urls) ? (urls as string[]) : []);
/** EvoLink's default quality, sent explicitly: novita's own default is 1080P, at a higher price. */
const qualityOf = (d: Data): Quality => (d.quality as Quality | undefined) ?? '720p';
const sizeOf = (d: Data): string => NOVITA_SIZES[qualityOf(d)][(d.aspect_ratio as Ratio | undefined) ?? '16:9'];

/**
 * Fields of every route. Where novita's default differs from EvoLink's or is undocumented, EvoLink's is sent
 * explicitly (`watermark: false`; `prompt_extend: false` where the route has it), so a call gives the same video on
 * both gateways.
 */
function shared(d: Data): Data {
  return { prompt: d.prompt, negative_prompt: d.negative_prompt, seed: d.seed, watermark: d.watermark ?? false };
}

/** Voice of each reference, keyed `image<N>` / `video<N>`: `voice_bindings`, else `audio_urls` bound to videos first, then images. */
function voicesOf(d: Data): Record<string, string> {
  const bindings = (d.model_params as { voice_bindings?: Record<string, string> } | undefined)?.voice_bindings;
  if (bindings) return bindings;
  const videos = urlsOf(d.video_urls).length;
  const voices: Record<string, string> = {};
  urlsOf(d.audio_urls).forEach((url, k) => {
    voices[k < videos ? `video${k + 1}` : `image${k - videos + 1}`] = url;
  });
  return voices;
}

/**
 * wan2.7-r2v `media[]`: images, then videos (novita numbers them character1, character2, … in this order), then the
 * first frame, each with its voice as `reference_voice`.
 */
function mediaOf(d: Data): Data[] {
  const voices = voicesOf(d);
  const item = (type: string, url: string, voice: string | undefined): Data =>
    voice === undefined ? { type, url } : { type, url, reference_voice: voice };
  return [
    ...urlsOf(d.image_urls).map((url, i) => item('reference_image', url, voices[`image${i + 1}`])),
    ...urlsOf(d.video_urls).map((url, i) => item('reference_video', url, voices[`video${i + 1}`])),
    ...(d.image_start === undefined ? [] : [{ type: 'first_frame', url: d.image_start }]),
  ];
}

const MAPPERS: Record<NovitaModelId, (d: Data) => Data> = {
  'wan2.7-image-to-video': (d) => ({
    ...shared(d),
    image_url: d.image_start,
    first_clip_url: firstOf(d.video_urls),
    last_frame_url: d.image_end,
    driving_audio_url: firstOf(d.audio_urls),
    resolution: NOVITA_RESOLUTION[qualityOf(d)],
    duration: d.duration ?? 5,
    prompt_extend: d.prompt_extend ?? false,
  }),
  'wan2.7-text-to-video': (d) => ({
    ...shared(d),
    audio_url: firstOf(d.audio_urls),
    size: sizeOf(d),
    duration: d.duration ?? 5,
    prompt_extend: d.prompt_extend ?? false,
  }),
  'wan2.7-reference-video': (d) => ({ ...shared(d), media: mediaOf(d), size: sizeOf(d), duration: d.duration ?? 5 }),
  'wan2.7-video-edit': (d) => {
    const [first, second, third] = urlsOf(d.image_urls);
    return {
      ...shared(d),
      video_url: firstOf(d.video_urls),
      reference_image_url: first,
      reference_image_url_2: second,
      reference_image_url_3: third,
      ratio: d.aspect_ratio,
      resolution: NOVITA_RESOLUTION[qualityOf(d)],
      duration: d.duration ?? 0,
      audio_setting: d.keep_original_sound === true ? 'origin' : 'auto',
      prompt_extend: d.prompt_extend ?? false,
    };
  },
};

/**
 * novita's flat body for validated parameters (SDK names in, novita names out). `generation_mode` is checked by the
 * shared rules but not sent: novita infers the mode from which URL fields are present.
 */
export function toNovitaBody(model: NovitaModelId, data: Data): Data {
  return withoutUndefined(MAPPERS[model](data));
}
