import type { Clock } from './clock.js';

/** A timer that fires when nothing happened for `ms`: each `touch()` (a chunk sent or received) restarts it. */
export interface IdleTimer {
  touch(): void;
  stop(): void;
}

/**
 * Calls `onIdle` once nothing has `touch()`ed the timer for `ms` milliseconds (`0`: never). Cheap per touch: it only
 * records the time; one sleep at a time checks it, so a 300 MB transfer does not schedule thousands of timers.
 */
export function idleTimer(clock: Clock, ms: number, onIdle: () => void): IdleTimer {
  const stopped = new AbortController();
  let last = clock.now();
  const watch = async (): Promise<void> => {
    for (let wait = ms; ; wait = last + ms - clock.now()) {
      if (wait <= 0) {
        onIdle();
        return;
      }
      await clock.sleep(wait, stopped.signal);
    }
  };
  if (ms > 0) watch().catch(() => {});
  return {
    touch: () => {
      last = clock.now();
    },
    stop: () => stopped.abort(),
  };
}
