import type { ModelId } from '../models/registry.js';
import type { Quality } from './prices.js';

/** The documented seconds a task is billed for, before a price is applied. */
export interface BilledSeconds {
  /** Seconds of input video billed (reference and edit clips), as far as their lengths are known. */
  inputSeconds: number;
  /** Seconds of output billed (or held, for wan3.0's smart duration). */
  outputSeconds: number;
  /** The most the task can be billed for: equal to the sum when every length is known, else within the documented limits. */
  maxSeconds: number;
  /** Input fields whose length is not known (remote clips not checked, containers that could not be read). */
  unknownInputs: string[];
  /** What the figure assumes, in words (defaults applied, caps, holds). */
  notes: string[];
  /** `false` when the docs say failed tasks of this model are not billed, so a failed task's reservation is released. */
  failedTasksBilled: boolean;
  /** The quality billed (the request's, or the model's default). */
  quality: Quality;
}

/** What the estimate knows of the request: its validated parameters and the measured length of each input clip. */
export interface BillingInput {
  model: ModelId;
  params: Readonly<Record<string, unknown>>;
  /** Seconds of each `video_urls` entry, `undefined` where unknown. */
  clipSeconds: readonly (number | undefined)[];
}

/** wan3.0's `duration: -1`: the model picks the length; credits are held at this cap and settled after. */
const SMART_DURATION_HOLD = 30;
/** wan2.6 reference videos: input seconds billed at most this much in total, split evenly per clip (1.65 s for 3). */
const WAN26_INPUT_CAPS = [5, 2.5, 1.65] as const;

type Family = 'wan2.6' | 'wan2.7' | 'wan3.0';

/** The billed seconds of a request, by the billing rules of the model's docs (see the table in docs/cost.md). */
export function billedSeconds({ model, params, clipSeconds }: BillingInput): BilledSeconds {
  const family = model.slice(0, model.indexOf('-')) as Family;
  const notes: string[] = [];
  const quality = (typeof params.quality === 'string' ? params.quality : '720p') as Quality;
  if (params.quality === undefined) notes.push('quality defaults to 720p');
  const unknownInputs = clipSeconds.flatMap((s, i) => (s === undefined ? [`video_urls[${i}]`] : []));
  const known = (i: number) => clipSeconds[i] ?? 0;

  let output = outputSeconds(model, family, params, notes);
  let input = 0;
  let maxInput = 0;
  let failedTasksBilled = true;

  // Omitted, the mode is inferred from the materials: a clip makes it video_continuation (as the request rules judge it).
  const mode = params.generation_mode ?? (clipSeconds.length > 0 ? 'video_continuation' : undefined);
  if (model === 'wan2.7-image-to-video' && mode === 'video_continuation') {
    // `duration` is the total length of the output, input clip included, and is what is billed.
    notes.push('video_continuation bills the total duration, input clip included');
    return { inputSeconds: 0, outputSeconds: output, maxSeconds: output, unknownInputs: [], notes, failedTasksBilled, quality };
  }
  if (model === 'wan2.7-video-edit') {
    failedTasksBilled = false;
    input = known(0);
    maxInput = clipSeconds[0] ?? 10; // the source clip is 2–10 s
    if (output === 0) {
      // duration 0 keeps the source's length, so the output is as long as the input.
      notes.push('duration 0 keeps the source clip’s length');
      output = input;
      return finish(input, input, maxInput, maxInput);
    }
  } else if (model === 'wan2.7-reference-video' || model === 'wan3.0-reference-video') {
    failedTasksBilled = false;
    input = clipSeconds.reduce<number>((sum, _, i) => sum + known(i), 0);
    // wan2.7 clips are 1–30 s each; wan3.0 takes 15 s of reference video in total.
    const perClipMax = family === 'wan3.0' ? 15 : 30;
    maxInput = clipSeconds.reduce<number>((sum, s) => sum + (s ?? perClipMax), 0);
    if (family === 'wan3.0') maxInput = Math.min(maxInput, 15);
  } else if (model === 'wan2.6-reference-video' || model === 'wan2.6-reference-video-flash') {
    failedTasksBilled = false;
    const cap = WAN26_INPUT_CAPS[clipSeconds.length - 1] ?? WAN26_INPUT_CAPS[2];
    input = clipSeconds.reduce<number>((sum, s) => sum + Math.min(s ?? 0, cap), 0);
    maxInput = clipSeconds.length * cap;
    if (clipSeconds.length > 0) notes.push(`each input clip billed up to ${cap} s`);
  }
  if (family === 'wan3.0') failedTasksBilled = false;
  return finish(input, output, maxInput, output);

  function finish(inputSeconds: number, out: number, maxIn: number, maxOut: number): BilledSeconds {
    const unknown = unknownInputs.length > 0 ? unknownInputs : [];
    const maxSeconds = round(unknown.length > 0 ? maxIn + maxOut : inputSeconds + out);
    return { inputSeconds: round(inputSeconds), outputSeconds: out, maxSeconds, unknownInputs: unknown, notes, failedTasksBilled, quality };
  }
}

/** The output seconds billed: the request's `duration`, or the documented default. */
function outputSeconds(model: ModelId, family: Family, params: Readonly<Record<string, unknown>>, notes: string[]): number {
  const duration = params.duration;
  if (duration === -1) {
    notes.push(`smart duration (-1) is held at the ${SMART_DURATION_HOLD} s cap and settled to the actual length`);
    return SMART_DURATION_HOLD;
  }
  if (typeof duration === 'number') return duration;
  if (model === 'wan2.7-video-edit') return 0; // the docs' default: keep the source's length
  // wan2.7 and wan3.0 document a default of 5 s; wan2.6 documents none but uses 5 in every example.
  notes.push(family === 'wan2.6' ? 'duration not given: 5 s assumed (wan2.6 documents no default)' : 'duration defaults to 5 s');
  return 5;
}

/** Rounds away binary noise (0.1 + 0.2) while keeping sub-second clip lengths. */
export function round(value: number, places = 6): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
