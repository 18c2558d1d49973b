/** The part of a faked `setTimeout` this module uses: `@sinonjs/fake-timers` (vitest, jest) marks it with its clock. */
type MaybeFaked = typeof setTimeout & { clock?: unknown };

const release = (): void => {};

/**
 * Keeps a test's fake clock (`vi.useFakeTimers()`, jest's modern timers) from jumping past a request in flight on a
 * real socket. `vi.advanceTimersByTimeAsync(10 * 60_000)` runs each timer due in the range with one event-loop turn
 * between them: a request to a loopback server needs a few turns of real I/O, so the next timer due (its own 60 s
 * attempt timeout) fired first and the wait failed with `APITimeoutError`. While held, a 0 ms timer is re-armed on
 * the fake clock: the clock then moves 1 ms per turn until the answer is in, and no later timer fires before it.
 * Without fake timers this does nothing and costs one property read.
 *
 * @returns a function that ends the hold.
 */
export function holdFakeClock(): () => void {
  const schedule = globalThis.setTimeout as MaybeFaked;
  if (typeof schedule.clock !== 'object' || schedule.clock === null) return release;
  let held = true;
  const tick = (): void => {
    // The test may have restored real timers meanwhile: then stop, rather than spin on them.
    if (held && globalThis.setTimeout === schedule) schedule(tick, 0);
  };
  schedule(tick, 0);
  return () => {
    held = false;
  };
}
