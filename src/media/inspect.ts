import type { MediaRule } from './limits.js';
import { FORMAT_LABELS, type Format, readImageHeader, sniffContainer, sniffText } from './sniff.js';
import type { MediaSource } from './source.js';

/** What the SDK learnt about a file from its size and header bytes. */
export interface MediaFacts {
  size: number;
  /** `undefined` when the bytes match no known format. */
  format: Format | undefined;
  /**
   * Images: pixel size as stored (EXIF orientation not applied: it does not change the long and short side). Clips:
   * the first video track's coded size (a rotation matrix is not applied either).
   */
  width?: number | undefined;
  height?: number | undefined;
  /** Clips and sounds: the length the container states, in seconds. */
  seconds?: number | undefined;
  /** Clips and sounds whose length could not be read: why (the file is passed on, judged by format and size). */
  unread?: string | undefined;
  /** PNG with an alpha channel or a transparent colour. */
  alpha?: boolean | undefined;
}

/** How far into a file the SDK looks for an image header: JPEG metadata (EXIF, ICC, XMP) can push it past 64 KiB. */
const HEADER_READS = [64 * 1024, 1024 * 1024, 8 * 1024 * 1024];

/** Reads the size and the header bytes of a file and tells what it is. Throws `LocalFileProblem` when unreadable. */
export function inspectMedia(source: MediaSource): Promise<MediaFacts> {
  // The reads of one check share what they open (a file's handle), closed when the check is done.
  return source.reading ? source.reading(() => factsOf(source)) : factsOf(source);
}

async function factsOf(source: MediaSource): Promise<MediaFacts> {
  const size = await source.size();
  let head = await source.head(HEADER_READS[0]!);
  const container = sniffContainer(head);
  if (container)
    return container.kind === 'video' || container.kind === 'audio' ? withContainer(source, size, container) : { size, format: container };
  // Valid UTF-8 is text, though image-size would read `BM…` or `GIF89a…` as a bitmap: only an SVG is an image then.
  const text = sniffText(head);
  for (let i = 1; ; i++) {
    const image = await readImageHeader(head);
    if (image && !('truncated' in image) && (!text || image.format.name === 'svg'))
      return { size, format: image.format, width: image.width, height: image.height, alpha: image.alpha };
    const more = HEADER_READS[i];
    if (text || !image || more === undefined || head.length >= size) break;
    head = await source.head(more);
  }
  return { size, format: text };
}

/** A clip's or a sound's facts, with what its container says (read by container.ts, loaded here on first use). */
async function withContainer(source: MediaSource, size: number, format: Format): Promise<MediaFacts> {
  const { readContainer } = await import('./container.js');
  const { seconds, width, height, unread } = await readContainer(format.name, source, size);
  return { size, format, seconds, width, height, unread };
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function listFormats(formats: readonly string[]): string {
  const names = formats.map((name) => FORMAT_LABELS[name] ?? name.toUpperCase());
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function describeFormat(format: Format): string {
  const label = FORMAT_LABELS[format.name] ?? format.name.toUpperCase();
  const article = /^[AEFILMNORSX]/.test(label) ? 'an' : 'a'; // as the letters are spoken: "an MP3", "a WAV"
  return format.kind === 'document'
    ? label
    : `${article} ${label} ${format.kind === 'image' ? 'image' : format.kind === 'video' ? 'video' : 'audio file'}`;
}

/**
 * How far past a length limit a measured length may be before it is refused: containers count a few frames or an
 * MP3 encoder's padding (about 50 ms) that the server may not, and a file is never refused on a guess.
 */
export const LENGTH_SLACK = 0.1;

/** `6.0 s`, `0.55 s`: one decimal, two below a second. */
export const formatSeconds = (seconds: number): string => `${seconds.toFixed(seconds < 1 ? 2 : 1)} s`;

function ratio(width: number, height: number): string {
  const long = Math.max(width, height) / Math.min(width, height);
  // One decimal, unless that would round a refused shape onto the limit (1921 / 240 = 8.004, not "8.0").
  const shown = Number.isInteger(long) ? String(long) : long.toFixed(Number(long.toFixed(1)) === Math.round(long) ? 3 : 1);
  return width >= height ? `${shown}:1` : `1:${shown}`;
}

/**
 * Every way `facts` breaks `rule`, each a sentence naming the field (`what`) and what to change. `where` names the
 * model or the call, e.g. "wan2.7-image-to-video".
 */
export function mediaProblems(facts: MediaFacts, rule: MediaRule, what: string, where: string): string[] {
  const problems: string[] = [];
  const { format, size } = facts;
  if (size === 0) return [`${what} is empty (0 bytes); pass a file with content`];
  if (rule.formats.length > 0 && (!format || !rule.formats.includes(format.name))) {
    const accepted = listFormats(rule.formats);
    problems.push(
      format
        ? `${what} is ${describeFormat(format)}; ${where} takes ${accepted} here: convert it to ${FORMAT_LABELS[rule.formats[0]!] ?? rule.formats[0]}`
        : `${what} is not a file ${where} takes here (${accepted}): its first bytes match none of them`,
    );
  }
  if (size > rule.maxBytes) {
    problems.push(`${what} is ${megabytes(size)}; ${where} takes at most ${megabytes(rule.maxBytes)} here: compress or shrink it`);
  }
  const { width, height } = facts;
  const noun = format?.kind === 'image' ? 'image' : format?.kind === 'video' ? 'clip' : undefined;
  if (noun && width !== undefined && height !== undefined && width > 0 && height > 0) {
    const [min, max] = rule.sides ?? [0, Number.POSITIVE_INFINITY];
    if (Math.min(width, height) < min) {
      problems.push(`${what} is ${width}×${height} px; ${where} needs at least ${min} px per side: use a larger ${noun}`);
    } else if (Math.max(width, height) > max) {
      problems.push(`${what} is ${width}×${height} px; ${where} takes at most ${max} px per side: scale it down`);
    }
    if (rule.maxAspect !== undefined && Math.max(width, height) / Math.min(width, height) > rule.maxAspect) {
      problems.push(
        `${what} is ${width}×${height} px (${ratio(width, height)}); ${where} takes aspect ratios from 1:${rule.maxAspect} to ${rule.maxAspect}:1: crop it`,
      );
    }
  }
  if (format?.kind === 'image' && rule.opaque && facts.alpha) {
    problems.push(`${what} is a PNG with transparency, which ${where} does not take: save it without an alpha channel, or as JPEG`);
  }
  const { seconds } = facts;
  if (rule.seconds && seconds !== undefined) {
    const [min, max] = rule.seconds;
    const kind = format?.kind === 'video' ? 'clips' : 'sounds';
    if (seconds < min - LENGTH_SLACK) {
      problems.push(`${what} is ${formatSeconds(seconds)} long; ${where} takes ${kind} of ${min}–${max} s here: use a longer one`);
    } else if (seconds > max + LENGTH_SLACK) {
      problems.push(`${what} is ${formatSeconds(seconds)} long; ${where} takes ${kind} of ${min}–${max} s here: trim it to ${max} s`);
    }
  }
  return problems;
}
