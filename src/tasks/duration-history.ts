/**
 * How long tasks of one kind took, as this client saw them: the prior of the default schedule when the gateway says
 * nothing useful. Tasks of one model, duration and quality take similar times, so once a few have completed, the next
 * one is expected in the same window, and polling can be sparse before it and dense inside it.
 */
export interface DurationPrior {
  /** The median duration of the kind's recent tasks, in ms from creation to completion. */
  readonly durationMs: number;
  /** How far from the median the farthest of them ended, in ms. */
  readonly spreadMs: number;
}

/** What one wait reads from the history and tells it back. */
export interface KindHistory {
  /** The prior for the task when its wait began, or `undefined` (too few tasks seen, or not similar enough). */
  readonly prior: DurationPrior | undefined;
  /** Takes in how long the task took (ms from creation to the middle of the poll gap it completed in). */
  record(durationMs: number): void;
}

/** Recent durations kept per kind: enough for a median, few enough to follow a gateway that slows down. */
const SAMPLES_PER_KIND = 8;
/** Kinds kept per client; the least recently used is forgotten first. */
const MAX_KINDS = 64;
/** A prior needs this many tasks of the kind. */
const MIN_SAMPLES = 3;
/** Durations further apart than this share of the median are not "similar": no prior. */
const MAX_SPREAD_SHARE = 0.25;

/** The durations a client has seen, per kind (see `taskKind`); a few numbers per kind, bounded in size. */
export class DurationHistory {
  readonly #kinds = new Map<string, number[]>();

  /**
   * The history a wait of a task of `model` uses; `undefined` when the task names no model. With the create's
   * `params`, the kind is the model with their `duration` and `quality`; without (a wait resumed by id), the model
   * alone, whose tasks of every kind are similar only when the workload is. A completed task counts for both.
   */
  forTask(model: unknown, params?: unknown): KindHistory | undefined {
    if (typeof model !== 'string' || model === '') return undefined;
    const kind = params === undefined ? model : taskKind(model, params);
    return {
      prior: this.prior(kind),
      record: (durationMs) => {
        this.record(model, durationMs);
        if (kind !== model) this.record(kind, durationMs);
      },
    };
  }

  record(kind: string, durationMs: number): void {
    if (!(durationMs > 0) || !Number.isFinite(durationMs)) return;
    const samples = this.#kinds.get(kind) ?? [];
    // Re-inserted, so the map's first key is always the least recently used.
    this.#kinds.delete(kind);
    samples.push(durationMs);
    if (samples.length > SAMPLES_PER_KIND) samples.shift();
    this.#kinds.set(kind, samples);
    if (this.#kinds.size > MAX_KINDS) this.#kinds.delete(this.#kinds.keys().next().value as string);
  }

  prior(kind: string): DurationPrior | undefined {
    const samples = this.#kinds.get(kind);
    if (!samples || samples.length < MIN_SAMPLES) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const half = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
    const spreadMs = Math.max(median - sorted[0]!, sorted.at(-1)! - median);
    return spreadMs <= MAX_SPREAD_SHARE * median ? { durationMs: median, spreadMs } : undefined;
  }
}

/**
 * The kind of a task, for the history: its model with the `duration` and `quality` asked for (absent ones are the
 * server's defaults, the same for every such task).
 */
export function taskKind(model: string, params: unknown): string {
  const p = (typeof params === 'object' && params !== null ? params : {}) as { duration?: unknown; quality?: unknown };
  const part = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');
  return `${model}|${part(p.duration)}|${part(p.quality)}`;
}
