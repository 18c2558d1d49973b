/** `1536` → `1.5 KB`; decimal units, as download tools show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `83_000` → `1:23`; `3_723_000` → `1:02:03`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A word quoted for a POSIX shell when it needs it, so a printed command can be pasted as it is. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** ANSI styles, or plain text when colour is off. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** Every SGR code {@link Colors} writes: the only escape sequences the CLI lets through to a terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the CLI's own escape sequences is the point.
export const OWN_STYLES = /\u001b\[(?:1|2|22|31|32|33|36|39)m/g;

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string): string => text;

/** Whether a stream gets colours: only a terminal, and never when `NO_COLOR` is set to anything (https://no-color.org). */
export function colorsOn(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && !env.NO_COLOR;
}

/** Colours for a stream (see {@link colorsOn}). */
export function colorsFor(isTTY: boolean, env: NodeJS.ProcessEnv): Colors {
  return colorsOn(isTTY, env)
    ? { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), green: style(32, 39), yellow: style(33, 39), cyan: style(36, 39) }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
}

/** Text without ANSI escapes (to measure what a terminal shows). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
