import { accessSync, constants, type Stats, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LocalFileError } from './exit-codes.js';
import type { DownloadOptions, DownloadResult } from '../download/types.js';
import type { ProgressState } from './task-progress.js';
import type { Ui } from './ui.js';

/** A saved video. */
export interface SavedResult {
  /** Absolute path of the file. */
  path: string;
  bytes: number;
  contentType: string | undefined;
}

/** What is at `path`, or `undefined` when nothing can be (missing, or under a file). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Refuses, before anything is sent or billed, a destination the video could not be saved to: a folder, a path under a
 * file, or a folder that cannot be written. (Missing folders are fine: the download creates them.)
 */
export function checkDestination(out: string): void {
  const path = resolve(out);
  if (statOf(path)?.isDirectory())
    throw new LocalFileError(`-o ${out} is a folder; give the video a file name, e.g. -o ${join(out, 'video.mp4')}. Nothing was sent.`);
  let folder = dirname(path);
  let found = statOf(folder);
  while (!found && dirname(folder) !== folder) {
    folder = dirname(folder);
    found = statOf(folder);
  }
  if (!found?.isDirectory()) throw new LocalFileError(`Cannot save to ${out}: ${folder} is not a folder. Nothing was sent.`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new LocalFileError(`Cannot save to ${out}: the folder ${folder} is not writable. Nothing was sent.`);
  }
}

/** Starts a download to a path: `completedTask.download` or `client.download(url, …)`. */
export type Download = (dest: string, options: DownloadOptions) => Promise<DownloadResult>;

/**
 * Saves a video to `out` through the SDK (streamed, resumed with `Range`, verified), with the download on the status
 * line. The caller reports the `saved` event once it has recorded the file.
 */
export async function saveWithStatus(
  download: Download,
  out: string,
  context: { ui: Ui; state: ProgressState; signal: AbortSignal },
): Promise<SavedResult> {
  const { ui, state } = context;
  const transfer = { label: out, done: 0, total: undefined as number | undefined, startedAt: Date.now() };
  Object.assign(state, { phase: 'downloading', transfer });
  ui.redraw();
  const saved = await download(out, {
    signal: context.signal,
    onProgress: ({ received, total }) => {
      Object.assign(transfer, { done: received, total });
      ui.redraw();
    },
  });
  return { path: resolve(saved.path ?? out), bytes: saved.bytes, contentType: saved.contentType };
}
