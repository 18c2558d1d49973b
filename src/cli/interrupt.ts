/** The abort reason when the user pressed Ctrl-C. */
export class Interrupted {
  readonly what = 'interrupted (Ctrl-C)';
}

/** Ctrl-C handling for one command run. */
export interface Interrupt {
  /** Aborted at the first Ctrl-C: waits, uploads and downloads stop, tasks keep running on the server. */
  readonly signal: AbortSignal;
  /** Stops listening (the default Ctrl-C behaviour comes back). */
  dispose(): void;
}

/** The process events the CLI uses (injectable for tests). */
export interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
  exit(code: number): never;
}

/**
 * The first Ctrl-C aborts {@link Interrupt.signal} so the command can say how to resume and exit with 130; a second
 * one exits at once.
 */
export function watchInterrupt(source: SignalSource): Interrupt {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) source.exit(130);
    controller.abort(new Interrupted());
  };
  source.on('SIGINT', onSignal);
  return { signal: controller.signal, dispose: () => source.off('SIGINT', onSignal) };
}
