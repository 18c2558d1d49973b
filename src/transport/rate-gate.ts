import { type Clock, systemClock } from '../internal/clock.js';

/**
 * A client-wide pause shared by every request: after a 429 the whole client holds off until the server's
 * `Retry-After` (or the backoff) has passed, so a thousand pollers do not hammer a rate-limited gateway.
 * Waiters are released with a small random spread instead of all at the same instant.
 */
export class RateGate {
  #until = 0;
  readonly #clock: Clock;
  readonly #random: () => number;

  constructor(clock: Clock = systemClock, random: () => number = Math.random) {
    this.#clock = clock;
    this.#random = random;
  }

  /** Holds every request back for at least `ms` milliseconds from now. */
  pause(ms: number): void {
    this.#until = Math.max(this.#until, this.#clock.now() + ms);
  }

  /** Milliseconds until requests may be sent again (0 when open). */
  get remaining(): number {
    return Math.max(0, this.#until - this.#clock.now());
  }

  /** Resolves when the gate is open; rejects with the signal's reason if it fires first. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.remaining; left > 0; left = this.remaining) {
      const spread = this.#random() * Math.min(1_000, left * 0.2);
      await this.#clock.sleep(left + spread, signal);
    }
  }
}
