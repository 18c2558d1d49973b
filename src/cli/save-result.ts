import { resolve } from 'node:path';
import type { DownloadOptions, DownloadResult } from '../types/download.js';
import type { ProgressState } from './task-progress.js';
import type { Ui } from './ui.js';

/** A saved video. */
export interface SavedResult {
  /** Absolute path of the file. */
  path: string;
  bytes: number;
  contentType: string | undefined;
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
