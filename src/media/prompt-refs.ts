/**
 * Reference prompts name their materials: on EvoLink "Image 1", "Video 2" (in Chinese "图1", "视频2"; wan3.0 also
 * "Audio 1"), numbered in the order of `image_urls`, `video_urls` and `audio_urls`; on novita `character1`,
 * `character2`, … over the images, then the videos. A name that matches no material, or the other provider's naming,
 * gives a billed video that ignores the reference. Prompts are free text, so these are warnings, never errors.
 */

type Kind = 'image' | 'video' | 'audio';

/** Which materials each reference model numbers in its prompt, and the field holding them. */
const NUMBERED: Readonly<Record<string, Partial<Record<Kind, string>>>> = {
  'wan2.7-reference-video': { image: 'image_urls', video: 'video_urls' },
  'wan3.0-reference-video': { image: 'image_urls', video: 'video_urls', audio: 'audio_urls' },
};

const ENGLISH = /\b(image|video|audio)\s?(\d+)\b/gi;
const CHINESE = /(图片|图|视频|音频)\s?(\d+)/g;
const CHARACTER = /\bcharacter\s?(\d+)\b/gi;
const CHINESE_KIND: Record<string, Kind> = { 图片: 'image', 图: 'image', 视频: 'video', 音频: 'audio' };
const LABEL: Record<Kind, string> = { image: 'Image', video: 'Video', audio: 'Audio' };
const NOUN: Record<Kind, string> = { image: 'image', video: 'video', audio: 'sound' };

interface Reference {
  /** As written in the prompt. */
  text: string;
  kind: Kind;
  n: number;
}

function referencesIn(prompt: string): Reference[] {
  const found = new Map<string, Reference>();
  for (const m of prompt.matchAll(ENGLISH)) {
    found.set(m[0], { text: m[0], kind: m[1]!.toLowerCase() as Kind, n: Number(m[2]) });
  }
  for (const m of prompt.matchAll(CHINESE)) found.set(m[0], { text: m[0], kind: CHINESE_KIND[m[1]!]!, n: Number(m[2]) });
  return [...found.values()];
}

const countOf = (params: Readonly<Record<string, unknown>>, field: string): number => {
  const value = params[field];
  return Array.isArray(value) ? value.length : 0;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Warnings about the material names in a reference prompt, for `model` on `provider` (`evolink`, `novita`); none
 * for a model whose prompt names no materials.
 */
export function promptReferenceWarnings(model: string, provider: string, params: Readonly<Record<string, unknown>>): string[] {
  const numbered = NUMBERED[model];
  const prompt = params.prompt;
  if (!numbered || typeof prompt !== 'string') return [];
  const images = countOf(params, 'image_urls');
  const videos = countOf(params, 'video_urls');
  const warnings: string[] = [];
  if (provider === 'novita') {
    for (const ref of referencesIn(prompt).filter((r) => r.kind !== 'audio')) {
      const n = ref.kind === 'image' ? ref.n : images + ref.n;
      warnings.push(
        `prompt names "${ref.text}", EvoLink's naming: novita numbers the references character1, character2, … (image_urls first, then video_urls)${ref.n >= 1 && n <= images + videos ? `, so write character${n}` : ''}`,
      );
    }
    for (const m of prompt.matchAll(CHARACTER)) {
      const n = Number(m[1]);
      if (n < 1 || n > images + videos) {
        warnings.push(
          `prompt names "${m[0]}", but there are ${plural(images + videos, 'reference')} (character1 is the first of image_urls, then video_urls): the model ignores it`,
        );
      }
    }
    return warnings;
  }
  for (const m of prompt.matchAll(CHARACTER)) {
    warnings.push(
      `prompt names "${m[0]}", novita's naming: on EvoLink write Image 1, Video 1 (or 图1, 视频1) for image_urls[0], video_urls[0]`,
    );
  }
  for (const ref of referencesIn(prompt)) {
    const field = numbered[ref.kind];
    if (field === undefined) continue; // wan2.7's audio_urls are voices bound to materials, not named in the prompt
    const count = countOf(params, field);
    if (ref.n >= 1 && ref.n <= count) continue;
    warnings.push(
      `prompt names "${ref.text}", but ${field} holds ${plural(count, NOUN[ref.kind])} (${LABEL[ref.kind]} N is ${field}[N-1]): the model ignores it; name one that exists or add the ${NOUN[ref.kind]}`,
    );
  }
  return warnings;
}
