import { resolve } from 'node:path';
import type { CompletedTask } from '../types/task.js';

/** What `completedTask.download()` does (the files issue's contract). */
interface Downloadable {
  download(
    dest: string,
    options: { signal?: AbortSignal; onProgress?: (progress: { received: number; total?: number | undefined }) => void },
  ): Promise<{ path?: string | undefined; bytes: number; contentType?: string | undefined }>;
}

/** A saved video. */
export interface SavedResult {
  /** Absolute path of the file. */
  path: string;
  bytes: number;
  contentType: string | undefined;
}

/** Saves a completed task's video to `out` (streamed, resumed, verified by the SDK), reporting the bytes received. */
export async function saveResult(
  task: CompletedTask,
  out: string,
  options: { signal: AbortSignal; onProgress?: ((received: number, total: number | undefined) => void) | undefined },
): Promise<SavedResult> {
  const saved = await (task as unknown as Downloadable).download(out, {
    signal: options.signal,
    onProgress: ({ received, total }) => options.onProgress?.(received, total),
  });
  return { path: saved.path ?? resolve(out), bytes: saved.bytes, contentType: saved.contentType };
}
