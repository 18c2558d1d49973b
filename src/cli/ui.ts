import { type Colors, colorsFor, colorsOn } from './format.js';
import { printable, printableJson, printableLine } from './printable.js';
import { StatusLine, type TerminalStream } from './status-line.js';

/** A stream the CLI writes to. */
export interface OutStream extends TerminalStream {
  isTTY?: boolean | undefined;
}

/** Where a command writes, and how. */
export interface UiOptions {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  /** `--json` was given. */
  json: boolean;
}

/**
 * The two output modes of every command. On a terminal (stdout a TTY, no `--json`): results as text on stdout, a
 * live status line and messages on stderr. Otherwise: one JSON object per line on stdout and nothing else there
 * (messages still go to stderr), so scripts can read stdout line by line.
 *
 * Every line goes through {@link printable}: what a server or a file put in it (an error message, a task id, a file
 * name) cannot add lines or act on the terminal. So each call writes one line; a message of several takes one call
 * per line.
 */
export class Ui {
  /** JSON lines on stdout. */
  readonly json: boolean;
  /** Styles for stderr. */
  readonly colors: Colors;
  readonly #stdout: OutStream;
  readonly #stderr: OutStream;
  /** Whether stderr shows the CLI's own colours (kept by {@link printableLine}). */
  readonly #styled: boolean;
  #status: StatusLine | undefined;

  constructor(options: UiOptions) {
    this.json = options.json || !options.stdout.isTTY;
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    this.colors = colorsFor(options.stderr.isTTY === true, options.env);
    this.#styled = colorsOn(options.stderr.isTTY === true, options.env);
  }

  /** Whether a live status line is shown (human mode with stderr on a terminal). */
  get live(): boolean {
    return !this.json && this.#stderr.isTTY === true;
  }

  /** One event as a JSON line on stdout (JSON mode only). */
  event(event: string, fields: Record<string, unknown> = {}): void {
    if (this.json) this.#stdout.write(`${printableJson(JSON.stringify({ event, ...fields }))}\n`);
  }

  /** A JSON value as one line on stdout (JSON mode), or pretty-printed (human mode). */
  data(value: unknown): void {
    this.#stdout.write(`${printableJson(this.json ? JSON.stringify(value) : JSON.stringify(value, null, 2))}\n`);
  }

  /** A line of the result on stdout (human mode only: JSON mode says it with events). */
  result(line: string): void {
    if (!this.json) this.#stdout.write(`${printable(line)}\n`);
  }

  /** A message for the person at the terminal, on stderr (above the status line when there is one). */
  note(line: string): void {
    const safe = printableLine(line, this.#styled);
    if (this.#status) this.#status.print(safe);
    else this.#stderr.write(`${safe}\n`);
  }

  /** Starts the live status line, drawn by `render` (no-op unless {@link live}). */
  startStatus(render: (spinner: string) => string): void {
    if (!this.live || this.#status) return;
    this.#status = new StatusLine(this.#stderr, (spinner) => printableLine(render(spinner), this.#styled));
    this.#status.start();
  }

  /** Redraws the status line after its state changed. */
  redraw(): void {
    this.#status?.redraw();
  }

  /** The line that ends a command, on stderr in both modes: in place of the status line when there is one. */
  finish(line: string): void {
    if (this.live) this.endStatus(line);
    else this.note(line);
  }

  /** Ends the status line, leaving `finalLine` (human mode) in its place. */
  endStatus(finalLine?: string): void {
    const status = this.#status;
    this.#status = undefined;
    const safe = finalLine === undefined ? undefined : printableLine(finalLine, this.#styled);
    if (status) status.end(safe);
    else if (safe !== undefined && !this.json) this.#stderr.write(`${safe}\n`);
  }
}
