import type { ValidationIssue } from '../errors/index.js';
import type { ModelId } from '../models/registry.js';
import { formatSeconds, LENGTH_SLACK } from './inspect.js';

/** One measured media value: where it is, how it is named in messages, and its length when the container gave one. */
export interface MeasuredMedia {
  path: (string | number)[];
  /** `video_urls[0] (clip.mov)`. */
  what: string;
  seconds: number | undefined;
}

/** `duration` as the model reads it: the request's, or the documented default of 5 s. */
const durationOf = (params: Readonly<Record<string, unknown>>): number => (typeof params.duration === 'number' ? params.duration : 5);

const inField = (measured: readonly MeasuredMedia[], field: string) => measured.filter((m) => m.path[0] === field);
const sum = (items: readonly MeasuredMedia[]) => items.reduce((total, m) => total + (m.seconds ?? 0), 0);
const list = (items: readonly MeasuredMedia[]) => items.map((m) => `${m.what} ${formatSeconds(m.seconds!)}`).join(', ');

/**
 * The rules that tie a measured length to the rest of the request, from the model's OpenAPI file:
 * - wan2.7-image-to-video `video_continuation` (the mode also chosen when it is omitted and a clip is given):
 *   "`duration` must be ≥ input video length (otherwise an error is returned)" — `duration` is the total output;
 * - wan3.0-reference-video: reference clips "15 seconds in total at most", "Total reference video duration + output
 *   video duration must not exceed 30 seconds"; reference audio "15 seconds in total at most".
 * Lengths not known (a remote clip not checked, a container that could not be read) count as 0: only a sure breach
 * is reported.
 */
export function requestProblems(
  model: ModelId,
  params: Readonly<Record<string, unknown>>,
  measured: readonly MeasuredMedia[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const known = measured.filter((m) => m.seconds !== undefined);
  if (model === 'wan2.7-image-to-video' && (params.generation_mode ?? 'video_continuation') === 'video_continuation') {
    const clip = inField(known, 'video_urls')[0];
    const duration = durationOf(params);
    if (clip && clip.seconds! > duration + LENGTH_SLACK) {
      issues.push({
        path: ['duration'],
        code: 'too_short_for_clip',
        message: `${clip.what} is ${formatSeconds(clip.seconds!)}; duration ${duration} must be ≥ the clip's length (it is the total output, clip included): set duration to ${Math.ceil(clip.seconds! - LENGTH_SLACK)} or more, or trim the clip`,
      });
    }
  }
  if (model === 'wan3.0-reference-video') {
    for (const [field, kind] of [
      ['video_urls', 'reference video'],
      ['audio_urls', 'reference audio'],
    ] as const) {
      const items = inField(known, field);
      if (items.length > 1 && sum(items) > 15 + LENGTH_SLACK) {
        issues.push({
          path: [field],
          code: 'too_long_in_total',
          message: `${field} hold ${formatSeconds(sum(items))} of ${kind} (${list(items)}); ${model} takes 15 s in total at most: trim or drop one`,
        });
      }
    }
    const clips = inField(known, 'video_urls');
    const duration = durationOf(params);
    if (clips.length > 0 && duration > 0 && sum(clips) + duration > 30 + LENGTH_SLACK) {
      issues.push({
        path: ['duration'],
        code: 'too_long_in_total',
        message: `the reference clips (${formatSeconds(sum(clips))}) and duration ${duration} make ${formatSeconds(sum(clips) + duration)}; ${model} takes 30 s of reference video and output together at most: set duration to ${Math.floor(30 + LENGTH_SLACK - sum(clips))} or less`,
      });
    }
  }
  return issues;
}
