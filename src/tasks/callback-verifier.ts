import { isTerminal } from './parse-task.js';
import type { Task } from './task.js';

/** What a {@link DeliveryVerifier} needs: how to read a task, what to do with a verified one, where errors go. */
export interface VerifierOptions {
  read(taskId: string): PromiseLike<Task>;
  onTask(task: Task): void | Promise<void>;
  report(error: unknown, taskId: string): void;
  /** API reads at once; deliveries beyond wait their turn. */
  concurrency: number;
  /** Task ids waiting for a read at most; a delivery beyond is refused (`busy`: EvoLink delivers it again later). */
  maxWaiting: number;
  /** Task ids remembered as handled (the oldest are forgotten first). */
  remember: number;
}

/** What one verification found: the task's status as read, whether `onTask` ran, what failed. */
export interface VerifyResult {
  status?: string | undefined;
  delivered: boolean;
  error?: unknown;
}

/** What became of one delivery: verified by its own read, by sharing the read in flight, or not read (handled). */
export interface DeliveryOutcome extends VerifyResult {
  way: 'read' | 'shared' | 'handled';
}

/** One task id's verification: running, and whether a delivery came in meanwhile. */
interface Verification {
  done: Promise<VerifyResult>;
  again: boolean;
}

/**
 * Verifies callback deliveries by task id so that replays cost nothing: an id already handled (its terminal task
 * reached `onTask`) is skipped without a read; deliveries of an id being verified are coalesced into the running
 * verification (plus one more run if it ends without handling the task, so a genuine delivery that arrives while a
 * forged early one is being read is not lost); at most `concurrency` reads run at once. An id counts as handled only
 * once `onTask` resolved, so a redelivery after a failed `onTask` reaches it again.
 */
export class DeliveryVerifier {
  readonly #options: VerifierOptions;
  readonly #handled = new Set<string>();
  readonly #running = new Map<string, Verification>();
  readonly #queue: (() => void)[] = [];
  #reading = 0;

  constructor(options: VerifierOptions) {
    this.#options = options;
  }

  /**
   * Takes a delivery naming `taskId`; resolves with what became of it once it is verified. `undefined` when too many
   * ids wait already (answer 503).
   */
  submit(taskId: string): Promise<DeliveryOutcome> | undefined {
    if (this.#handled.has(taskId)) return Promise.resolve({ way: 'handled', delivered: false });
    const running = this.#running.get(taskId);
    if (running) {
      running.again = true;
      return running.done.then((result) => ({ ...result, way: 'shared' }));
    }
    if (this.#running.size >= this.#options.concurrency + this.#options.maxWaiting) return undefined;
    const verification: Verification = { done: Promise.resolve({ delivered: false }), again: false };
    verification.done = this.#verifyUntilSettled(taskId, verification).finally(() => this.#running.delete(taskId));
    this.#running.set(taskId, verification);
    return verification.done.then((result) => ({ ...result, way: 'read' }));
  }

  /** Resolves when every verification started so far has finished. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()].map((v) => v.done));
  }

  async #verifyUntilSettled(taskId: string, verification: Verification): Promise<VerifyResult> {
    let result: VerifyResult;
    do {
      verification.again = false;
      result = await this.#verify(taskId);
    } while (verification.again && !this.#handled.has(taskId));
    return result;
  }

  async #verify(taskId: string): Promise<VerifyResult> {
    const result: VerifyResult = { delivered: false };
    try {
      const task = await this.#read(taskId);
      result.status = task.status;
      if (!isTerminal(task) || this.#handled.has(taskId)) return result;
      result.delivered = true;
      await this.#options.onTask(task);
      this.#handled.add(taskId);
      if (this.#handled.size > this.#options.remember) this.#handled.delete(this.#handled.values().next().value as string);
    } catch (error) {
      result.error = error;
      this.#options.report(error, taskId);
    }
    return result;
  }

  /** One API read, holding one of `concurrency` slots. */
  async #read(taskId: string): Promise<Task> {
    if (this.#reading >= this.#options.concurrency) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#reading++;
    try {
      return await this.#options.read(taskId);
    } finally {
      this.#reading--;
      this.#queue.shift()?.();
    }
  }
}
