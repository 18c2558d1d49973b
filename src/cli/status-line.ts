import { stripAnsi } from './format.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001b[2K';

/** The part of a terminal stream the status line uses. */
export interface TerminalStream {
  write(text: string): boolean;
  columns?: number | undefined;
}

/**
 * One live line at the bottom of a terminal, redrawn in place (carriage return + erase line) a few times a second so
 * that elapsed times tick and the spinner turns. Other output goes above it through {@link print}; {@link end}
 * replaces it with a final line, so nothing half-drawn is left behind. Lines are cut to the terminal's width: a
 * wrapped line could not be redrawn in place.
 */
export class StatusLine {
  readonly #stream: TerminalStream;
  readonly #render: (spinner: string) => string;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #frame = 0;
  #drawn = false;

  constructor(stream: TerminalStream, render: (spinner: string) => string, intervalMs = 120) {
    this.#stream = stream;
    this.#render = render;
    this.#intervalMs = intervalMs;
  }

  /** Draws the line now and keeps redrawing it until {@link end}. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.#frame = (this.#frame + 1) % SPINNER.length;
      this.redraw();
    }, this.#intervalMs);
    this.#timer.unref();
    this.redraw();
  }

  /** Draws the current state again (call after the state changed). */
  redraw(): void {
    if (!this.#timer) return;
    this.#stream.write(`${CLEAR_LINE}${this.#fit(this.#render(SPINNER[this.#frame]!))}`);
    this.#drawn = true;
  }

  /** Writes a whole line above the status line. */
  print(line: string): void {
    this.#clear();
    this.#stream.write(`${line}\n`);
    this.redraw();
  }

  /** Stops redrawing and leaves `finalLine` (or nothing) where the status line was. */
  end(finalLine?: string): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clear();
    if (finalLine !== undefined) this.#stream.write(`${finalLine}\n`);
  }

  #clear(): void {
    if (this.#drawn) this.#stream.write(CLEAR_LINE);
    this.#drawn = false;
  }

  #fit(text: string): string {
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    const visible = stripAnsi(text);
    return visible.length <= width ? text : `${visible.slice(0, width - 1)}…`;
  }
}
