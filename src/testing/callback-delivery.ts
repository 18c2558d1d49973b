import { request } from 'node:http';
import { EvoLinkError } from '../errors/evolink-error.js';

/** One attempt to deliver a callback. */
export interface CallbackAttempt {
  at: number;
  /** The HTTP status the receiver answered, if it answered. */
  status?: number | undefined;
  error?: string | undefined;
}

/** A callback the fake sent (or is sending) for a task that reached a terminal status. */
export interface CallbackDelivery {
  taskId: string;
  /** The task's `callback_url`, as submitted. */
  url: string;
  /** The loopback URL it was actually posted to. */
  target: string;
  attempts: CallbackAttempt[];
  /** `true` once an attempt got a 2xx. */
  delivered: boolean;
}

/** How the fake delivers callbacks. */
export interface CallbackOptions {
  /**
   * Maps a task's `callback_url` (public https, as the SDK requires) to the loopback URL to post to, e.g. your test's
   * `createCallbackHandler` server. Only loopback targets are allowed: the fake never calls out.
   */
  target: (callbackUrl: string) => string;
  /** Waits before the retries, in milliseconds. @default [1000, 2000, 4000] (EvoLink: up to 3 retries at 1/2/4 s) */
  retryDelaysMs?: readonly number[] | undefined;
  /** Per-attempt timeout in milliseconds. @default 10000 (EvoLink's) */
  timeoutMs?: number | undefined;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Posts task-detail bodies to callback targets with EvoLink's retry pattern; loopback only. */
export class CallbackDeliverer {
  readonly deliveries: CallbackDelivery[] = [];
  readonly #options: CallbackOptions;
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(options: CallbackOptions) {
    this.#options = options;
  }

  /** Delivers `body` for the task, retrying on failure; resolves with the finished record. */
  deliver(taskId: string, url: string, body: unknown): Promise<CallbackDelivery> {
    const target = this.#options.target(url);
    const parsed = URL.canParse(target) ? new URL(target) : undefined;
    if (parsed?.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) {
      return Promise.reject(new EvoLinkError(`The fake delivers callbacks to http:// loopback URLs only, not ${JSON.stringify(target)}.`));
    }
    const delivery: CallbackDelivery = { taskId, url, target, attempts: [], delivered: false };
    this.deliveries.push(delivery);
    const delays = this.#options.retryDelaysMs ?? [1000, 2000, 4000];
    const text = JSON.stringify(body);
    return (async () => {
      for (let attempt = 0; attempt <= delays.length && !this.#closed; attempt++) {
        if (attempt > 0) await this.#wait(delays[attempt - 1]!);
        if (this.#closed) break;
        const outcome = await this.#post(parsed, text);
        delivery.attempts.push({ at: Date.now(), ...outcome });
        if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) {
          delivery.delivered = true;
          break;
        }
      }
      return delivery;
    })();
  }

  /** Stops retries and pending timers. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  #post(target: URL, text: string): Promise<{ status?: number | undefined; error?: string | undefined }> {
    return new Promise((resolve) => {
      const req = request(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            'user-agent': 'EvoLink-Callback (fake)',
          },
          timeout: this.#options.timeoutMs ?? 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode }));
          res.on('error', (error) => resolve({ status: res.statusCode, error: error.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve({ error: error.message }));
      req.end(text);
    });
  }
}
