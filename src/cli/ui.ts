import { type Colors, colorsFor } from './format.js';
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
 */
export class Ui {
  /** JSON lines on stdout. */
  readonly json: boolean;
  /** Styles for stderr. */
  readonly colors: Colors;
  readonly #stdout: OutStream;
  readonly #stderr: OutStream;
  #status: StatusLine | undefined;

  constructor(options: UiOptions) {
    this.json = options.json || !options.stdout.isTTY;
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    this.colors = colorsFor(options.stderr.isTTY === true, options.env);
  }

  /** Whether a live status line is shown (human mode with stderr on a terminal). */
  get live(): boolean {
    return !this.json && this.#stderr.isTTY === true;
  }

  /** One event as a JSON line on stdout (JSON mode only). */
  event(event: string, fields: Record<string, unknown> = {}): void {
    if (this.json) this.#stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
  }

  /** A JSON value as one line on stdout (JSON mode), or pretty-printed (human mode). */
  data(value: unknown): void {
    this.#stdout.write(`${this.json ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`);
  }

  /** A line of the result on stdout (human mode only: JSON mode says it with events). */
  result(line: string): void {
    if (!this.json) this.#stdout.write(`${line}\n`);
  }

  /** A message for the person at the terminal, on stderr (above the status line when there is one). */
  note(line: string): void {
    if (this.#status) this.#status.print(line);
    else this.#stderr.write(`${line}\n`);
  }

  /** Starts the live status line, drawn by `render` (no-op unless {@link live}). */
  startStatus(render: (spinner: string) => string): void {
    if (!this.live || this.#status) return;
    this.#status = new StatusLine(this.#stderr, render);
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
    if (status) status.end(finalLine);
    else if (finalLine !== undefined && !this.json) this.#stderr.write(`${finalLine}\n`);
  }
}
