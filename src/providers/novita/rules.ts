import type { Rule } from '../../models/define-model.js';
import type { NovitaModelId } from './routes.js';

type Params = Record<string, unknown>;

/** novita's seed range: 0 is allowed (EvoLink's starts at 1). */
export const NOVITA_SEED_MAX = 2147483647;
/** Prompt limit of novita's wan2.7-t2v and wan2.7-r2v (EvoLink allows 5000; novita truncates, the SDK refuses). */
export const NOVITA_SHORT_PROMPT_MAX = 1500;

const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const given = (value: unknown): boolean => value !== undefined;

/** Rules of every novita route: the fields it cannot express, and its own ranges. */
const common: Rule<Params>[] = [
  (p, ctx) => {
    if (given(p.callback_url)) {
      ctx.issue(
        ['callback_url'],
        'callback_url is not supported by novita: its wan2.7 endpoints document no webhook; remove it and wait with waitForResult()',
      );
    }
    if (given(p.watermark) && typeof p.watermark !== 'boolean') ctx.issue(['watermark'], 'watermark must be true or false');
    const seed = p.seed;
    if (given(seed) && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= NOVITA_SEED_MAX)) {
      ctx.issue(['seed'], `seed must be an integer from 0 to ${NOVITA_SEED_MAX} on novita`);
    }
  },
];

function shortPrompt(endpoint: string): Rule<Params> {
  return (p, ctx) => {
    if (typeof p.prompt === 'string' && p.prompt.length > NOVITA_SHORT_PROMPT_MAX) {
      ctx.issue(
        ['prompt'],
        `prompt must be at most ${NOVITA_SHORT_PROMPT_MAX} characters on novita's ${endpoint} (got ${p.prompt.length}); novita would cut the rest`,
      );
    }
  };
}

/** Per model: what novita refuses or limits beyond the shared (EvoLink) rules. */
export const NOVITA_RULES: Record<NovitaModelId, Rule<Params>[]> = {
  'wan2.7-image-to-video': [
    ...common,
    (p, ctx) => {
      if (given(p.video_urls) && given(p.image_end)) {
        ctx.issue(
          ['image_end'],
          'image_end with video_urls (a continuation with an ending frame) is not documented by novita; remove image_end, or use provider evolink',
        );
      }
    },
  ],
  'wan2.7-text-to-video': [...common, shortPrompt('wan2.7-t2v')],
  'wan2.7-reference-video': [
    ...common,
    shortPrompt('wan2.7-r2v'),
    (p, ctx) => {
      if (typeof p.duration === 'number' && p.duration > 10)
        ctx.issue(['duration'], 'duration must be at most 10 seconds on novita (wan2.7-r2v: 2–10 s)');
      if (count(p.video_urls) > 3) ctx.issue(['video_urls'], `video_urls takes at most 3 clips on novita (got ${count(p.video_urls)})`);
      const media = count(p.image_urls) + count(p.video_urls) + (given(p.image_start) ? 1 : 0);
      if (media > 5) {
        ctx.issue(
          [],
          `novita takes at most 5 media items: image_urls, video_urls and image_start together (got ${media}); image_start counts there`,
        );
      }
      if (given(p.prompt_extend)) ctx.issue(['prompt_extend'], "prompt_extend is not supported by novita's wan2.7-r2v endpoint; remove it");
    },
    (p, ctx) => {
      const bindings = (p.model_params as { voice_bindings?: unknown } | undefined)?.voice_bindings;
      if (!given(p.audio_urls)) return;
      if (given(bindings)) {
        ctx.issue(
          ['audio_urls'],
          'audio_urls and model_params.voice_bindings together cannot be sent to novita (EvoLink ignores audio_urls then); pass only voice_bindings',
        );
        return;
      }
      const references = count(p.image_urls) + count(p.video_urls);
      if (count(p.audio_urls) > references) {
        ctx.issue(
          ['audio_urls'],
          `novita binds each voice to a reference: ${count(p.audio_urls)} audio_urls for ${references} image_urls + video_urls; remove the extra voices`,
        );
      }
    },
  ],
  'wan2.7-video-edit': [
    ...common,
    (p, ctx) => {
      if (count(p.image_urls) > 3)
        ctx.issue(['image_urls'], `image_urls takes at most 3 reference images on novita (got ${count(p.image_urls)})`);
    },
  ],
};
