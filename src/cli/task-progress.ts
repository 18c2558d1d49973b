import { basename } from 'node:path';
import type { Task } from '../tasks/task.js';
import { type Colors, formatBytes, formatDuration } from './format.js';

/** Bytes moved so far of an upload or a download, and when it began (for the rate). */
export interface Transfer {
  label: string;
  done: number;
  total: number | undefined;
  startedAt: number;
}

/** What a command is doing, for the status line. */
export interface ProgressState {
  phase: 'uploading' | 'submitting' | 'waiting' | 'downloading';
  /** When the command began (elapsed times count from here). */
  startedAt: number;
  /** The last snapshot of the task. */
  task?: Task | undefined;
  transfer?: Transfer | undefined;
  /** What the phase is about when there is no transfer to show (e.g. the files being uploaded). */
  label?: string | undefined;
}

/** Seconds left by the server's estimate (`created` + `task_info.estimated_time`), or `undefined`. */
export function secondsLeft(task: Task | undefined, now: number): number | undefined {
  const eta = task?.task_info?.estimated_time;
  if (typeof eta !== 'number' || eta <= 0 || typeof task?.created !== 'number') return undefined;
  return Math.max(0, task.created + eta - now / 1000);
}

function transferText(t: Transfer, now: number): string {
  const seconds = (now - t.startedAt) / 1000;
  const rate = seconds > 0.2 ? ` · ${formatBytes(Math.round(t.done / seconds))}/s` : '';
  const percent = t.total ? ` ${Math.floor((t.done / t.total) * 100)}%` : '';
  return `${t.label}${percent} · ${formatBytes(t.done)}${t.total ? ` / ${formatBytes(t.total)}` : ''}${rate}`;
}

/**
 * The status line: `⠋ processing 45% · 0:12 elapsed · ~0:15 left · task-unified-…`, or the upload / download with
 * bytes and bytes per second.
 */
export function renderProgress(state: ProgressState, spinner: string, colors: Colors, now: number = Date.now()): string {
  const elapsed = `${formatDuration(now - state.startedAt)} elapsed`;
  const parts: string[] = [];
  if (state.transfer && (state.phase === 'uploading' || state.phase === 'downloading')) {
    parts.push(`${state.phase} ${transferText(state.transfer, now)}`);
  } else if (state.phase === 'waiting' && state.task) {
    const { status, progress } = state.task;
    parts.push(`${status}${typeof progress === 'number' ? ` ${progress}%` : ''}`, elapsed);
    const left = secondsLeft(state.task, now);
    if (left !== undefined) parts.push(left >= 1 ? `~${formatDuration(left * 1000)} left` : 'finishing');
  } else {
    parts.push(state.label ? `${state.phase} ${state.label}` : state.phase, elapsed);
  }
  if (state.task) parts.push(colors.dim(state.task.id));
  return `${colors.cyan(spinner)} ${parts.join(' · ')}`;
}

/**
 * Follows the uploads of a generation call's local files (`onUploadProgress`) on the status line: their bytes added
 * up, then `submitting` once every file is sent.
 */
export function trackUploads(state: ProgressState, redraw: () => void): (progress: { file: string; sent: number; total: number }) => void {
  const files = new Map<string, { sent: number; total: number }>();
  const startedAt = Date.now();
  return ({ file, sent, total }) => {
    files.set(file, { sent, total });
    const all = [...files.values()];
    const done = all.reduce((sum, f) => sum + f.sent, 0);
    const size = all.reduce((sum, f) => sum + f.total, 0);
    const label = files.size === 1 ? basename(file) : `${files.size} files`;
    Object.assign(state, { phase: 'uploading', label: undefined, transfer: { label, done, total: size, startedAt } });
    redraw();
    if (done >= size) {
      Object.assign(state, { phase: 'submitting', transfer: undefined });
      redraw();
    }
  };
}
