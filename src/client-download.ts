import { InvalidOptionError } from './errors/index.js';
import { checkFunction, checkNumber, checkOptionsObject, checkSignal, describeValue } from './internal/check-option.js';
import { isRecord } from './internal/is-record.js';
import type { DownloadSource } from './download/download.js';
import { isUsableLink } from './internal/loopback.js';
import type { DownloadDestination, DownloadOptions } from './download/types.js';
import type { CompletedTaskData } from './tasks/task.js';

/** What `completedTask.download()` downloads: the task's first result, with its id and expiry. */
export function completedDownloadSource(task: CompletedTaskData): DownloadSource {
  return { url: task.url, taskId: task.id, expiresAt: task.expiresAt };
}

/** The source of `client.download(urlOrCompletedTask, …)`, checked: an absolute https URL (or loopback http). */
export function downloadSourceOf(source: unknown): DownloadSource {
  if (typeof source === 'string') {
    if (!isUsableLink(source)) {
      throw new InvalidOptionError(
        'url',
        `client.download() needs an absolute https:// result URL or a completed task; got ${describeValue(source)}.`,
      );
    }
    return { url: source };
  }
  if (isRecord(source) && typeof source.url === 'string' && isUsableLink(source.url) && typeof source.id === 'string') {
    const expiresAt = source.expiresAt instanceof Date ? source.expiresAt : undefined;
    return { url: source.url, taskId: source.id, expiresAt };
  }
  throw new InvalidOptionError(
    'url',
    `client.download() needs a completed task (from waitForResult()) or a result URL; got ${describeValue(source)}.`,
  );
}

/** Checks a download destination: a non-empty path, a Node.js Writable or a WHATWG WritableStream. */
export function checkDestination(dest: unknown): DownloadDestination {
  if (typeof dest === 'string' && dest !== '' && !dest.includes('\0')) return dest;
  const d = dest as { getWriter?: unknown; write?: unknown; once?: unknown } | null;
  if (
    d !== null &&
    typeof d === 'object' &&
    (typeof d.getWriter === 'function' || (typeof d.write === 'function' && typeof d.once === 'function'))
  ) {
    return dest as DownloadDestination;
  }
  throw new InvalidOptionError(
    'dest',
    `The download destination must be a file path, a Node.js Writable or a WritableStream; got ${describeValue(dest)}.`,
  );
}

/** Checks the options of a download (throws `InvalidOptionError` naming the option). */
export function checkDownloadOptions(options: unknown): DownloadOptions {
  const o = checkOptionsObject('the download options', options, ['onProgress', 'signal', 'timeout', 'maxRetries']);
  return {
    onProgress: checkFunction('onProgress', o.onProgress as DownloadOptions['onProgress']),
    signal: checkSignal('signal', o.signal),
    timeout: checkNumber('timeout', o.timeout, { unit: 'milliseconds' }),
    maxRetries: checkNumber('maxRetries', o.maxRetries, { integer: true }),
  };
}
