/** The signals the CLI stops on gracefully: Ctrl-C, and `kill`'s default (a service manager, a CI runner, `timeout`). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The abort reason when the user pressed Ctrl-C or the process got SIGTERM. */
export class Interrupted {
  readonly what: string;
  /** 130 for SIGINT, 143 for SIGTERM: 128 + the signal's number, as a shell reports it. */
  readonly exitCode: number;

  constructor(readonly signal: StopSignal = 'SIGINT') {
    this.what = signal === 'SIGINT' ? 'interrupted (Ctrl-C)' : 'stopped (SIGTERM)';
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}

/** Ctrl-C and SIGTERM handling for one command run. */
export interface Interrupt {
  /** Aborted at the first signal: waits, uploads and downloads stop, tasks keep running on the server. */
  readonly signal: AbortSignal;
  /** Stops listening (the default behaviour of the signals comes back). */
  dispose(): void;
}

/** The process events the CLI uses (injectable for tests). */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
  exit(code: number): never;
}

/**
 * The first Ctrl-C or SIGTERM aborts {@link Interrupt.signal} with an {@link Interrupted} so the command can say how
 * to resume and exit with 130 or 143, its temporary files removed; a second signal exits at once.
 */
export function watchInterrupt(source: SignalSource): Interrupt {
  const controller = new AbortController();
  const listeners = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const listener = (): void => {
      if (controller.signal.aborted) source.exit(new Interrupted(name).exitCode);
      controller.abort(new Interrupted(name));
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  const dispose = (): void => {
    for (const [name, listener] of listeners) source.off(name, listener);
  };
  return { signal: controller.signal, dispose };
}

/** How a command stopped by `signal` exits and says so: 130 and "Interrupted" (Ctrl-C), or 143 and "Stopped (SIGTERM)". */
export function stopOf(signal: AbortSignal): { exitCode: number; word: string } {
  const reason = signal.reason instanceof Interrupted ? signal.reason : new Interrupted();
  return { exitCode: reason.exitCode, word: reason.signal === 'SIGINT' ? 'Interrupted' : 'Stopped (SIGTERM)' };
}
