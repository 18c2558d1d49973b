import { ValidationError, type ValidationIssue } from '../errors/index.js';
import { formatPath } from '../errors/validation-error.js';
import type { SdkLogger } from '../internal/logger.js';
import type { ModelId } from '../models/registry.js';
import { isUploadable, type MediaSlot } from './fields.js';
import { inspectMedia, type MediaFacts, mediaProblems } from './inspect.js';
import type { LocalMedia } from './local-file.js';
import { type MeasuredMedia, requestProblems } from './request-rules.js';
import { LocalFileProblem, type MediaSource, toMediaSource } from './source.js';

/** How the media of one request is checked. */
export interface CheckMediaOptions {
  /** Where a file whose length could not be read is noted (`debug`). */
  log?: Pick<SdkLogger, 'debug'> | undefined;
  /** The reader of an `http(s)` URL, when remote media is checked (`checkRemoteMedia`); URLs are skipped without it. */
  remote?: ((url: string) => MediaSource) | undefined;
}

/** One checked media value: its slot, its reader, and what was learnt (`undefined` when it could not be read). */
export interface CheckedSlot {
  slot: MediaSlot;
  source: MediaSource;
  facts: MediaFacts | undefined;
}

/** The address of an `http(s)` media value (a string, or a `URL` object), else `undefined`. */
const httpUrlOf = (value: unknown): string | undefined => {
  const href = value instanceof URL ? value.href : value;
  return typeof href === 'string' && /^https?:\/\//i.test(href) ? href : undefined;
};

/**
 * Reads every piece of local media of a request (and, with `options.remote`, every `http(s)` URL), and checks each
 * against its field's rule and the request's cross-field rules (the continuation length, totals). Throws one
 * `ValidationError` listing every problem; nothing is uploaded or sent here. Returns what was read, slot by slot.
 */
export async function checkMedia(
  model: ModelId,
  params: Readonly<Record<string, unknown>>,
  slots: readonly MediaSlot[],
  options: CheckMediaOptions = {},
): Promise<CheckedSlot[]> {
  const { remote, log } = options;
  const chosen = slots.filter((s) => isUploadable(s.value) || (remote !== undefined && httpUrlOf(s.value) !== undefined));
  const results = await Promise.all(
    chosen.map(async (slot) => {
      const url = isUploadable(slot.value) ? undefined : httpUrlOf(slot.value);
      const source = url !== undefined ? remote!(url) : toMediaSource(slot.value as LocalMedia);
      const what = `${formatPath(slot.path)} (${source.label})`;
      try {
        const facts = await inspectMedia(source);
        if (facts.unread !== undefined && log) {
          log.debug(`${what}: its length could not be read (${facts.unread}); passed on, judged by its format and size`, {
            field: formatPath(slot.path),
          });
        }
        const issues = mediaProblems(facts, slot.rule, what, model).map(
          (message): ValidationIssue => ({ path: slot.path, code: 'invalid_media', message }),
        );
        return { checked: { slot, source, facts }, issues, measured: { path: slot.path, what, seconds: facts.seconds } };
      } catch (error) {
        if (!(error instanceof LocalFileProblem)) throw error;
        const issue: ValidationIssue = { path: slot.path, code: 'unreadable_file', message: `${formatPath(slot.path)}: ${error.message}` };
        return { checked: { slot, source, facts: undefined }, issues: [issue], measured: undefined };
      } finally {
        source.close?.();
      }
    }),
  );
  const measured = results.flatMap((r): MeasuredMedia[] => (r.measured ? [r.measured] : []));
  const issues = [...results.flatMap((r) => r.issues), ...requestProblems(model, params, measured)];
  if (issues.length > 0) throw new ValidationError(issues, model);
  return results.map((r) => r.checked);
}

/** Seconds of each `video_urls` entry of `params` from checked slots, `undefined` where not read (for the estimate). */
export function clipSeconds(params: Readonly<Record<string, unknown>>, checked: readonly CheckedSlot[]): (number | undefined)[] {
  const clips = Array.isArray(params.video_urls) ? params.video_urls : [];
  return clips.map((_, i) => checked.find((c) => c.slot.path[0] === 'video_urls' && c.slot.path[1] === i)?.facts?.seconds);
}
