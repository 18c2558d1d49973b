import type { GenerationEvent } from '../../tasks/generate-many.js';
import { formatDuration } from '../format.js';
import type { Ui } from '../ui.js';

/**
 * The batch on a terminal: one line per finished job, and a live status line with the counts (done, failed,
 * running, saving) under them. Silent in JSON mode, where the events say it all.
 */
export class BatchDisplay {
  readonly #ui: Ui;
  readonly #total: number;
  readonly #skipped: number;
  readonly #startedAt = Date.now();
  readonly #running = new Set<string>();
  readonly #saving = new Set<string>();
  #done = 0;
  #failed = 0;

  constructor(ui: Ui, total: number, skipped: number) {
    this.#ui = ui;
    this.#total = total;
    this.#skipped = skipped;
  }

  start(): void {
    if (this.#skipped > 0) this.#note(this.#ui.colors.dim(`${this.#skipped} of ${this.#total} jobs already done: skipped.`));
    this.#ui.startStatus((spinner) => this.#render(spinner));
  }

  /** Follows one job event. */
  update(event: GenerationEvent<unknown>): void {
    const id = event.job.id;
    if (event.type === 'submitted' || event.type === 'progress') this.#running.add(id);
    if (event.type === 'failed') {
      this.#running.delete(id);
      this.#failed++;
      this.#note(this.#ui.colors.red(`✖ ${id}: ${event.error.message}`));
    }
    this.#ui.redraw();
  }

  downloading(id: string, on: boolean): void {
    if (on) this.#saving.add(id);
    else this.#saving.delete(id);
    this.#ui.redraw();
  }

  saved(id: string, where: string): void {
    this.#running.delete(id);
    this.#done++;
    this.#note(this.#ui.colors.green(`✔ ${id} → ${where}`));
  }

  end(): void {
    this.#ui.endStatus(
      `batch: ${this.#done} done, ${this.#failed} failed, ${this.#skipped} skipped, in ${formatDuration(Date.now() - this.#startedAt)}`,
    );
  }

  #note(line: string): void {
    if (!this.#ui.json) this.#ui.note(line);
  }

  #render(spinner: string): string {
    const finished = this.#done + this.#skipped;
    const parts = [`batch ${finished}/${this.#total} done`, `${this.#failed} failed`, `${this.#running.size - this.#saving.size} running`];
    if (this.#saving.size) parts.push(`${this.#saving.size} saving`);
    parts.push(`${formatDuration(Date.now() - this.#startedAt)} elapsed`);
    return `${this.#ui.colors.cyan(spinner)} ${parts.join(' · ')}`;
  }
}
