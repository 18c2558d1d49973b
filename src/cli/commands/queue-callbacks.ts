import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobQueue } from '../../queue/index.js';
import { UsageError } from '../exit-codes.js';
import type { Ui } from '../ui.js';

/** The `--callback-port` of `queue work`: 0 (any free port) to 65535. */
export function callbackPort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--callback-port must be a port number from 0 to 65535; got "${raw}".`);
  }
  return port;
}

/**
 * Serves the queue's callback route (`queue.callbackHandler()`) on `port`, any path: put it behind the public https URL
 * your jobs' `callback_url` names. Any worker of the fleet may take any callback: it is recorded in PostgreSQL and
 * wakes the worker waiting on that task, wherever it runs. Resolves once listening, with how to stop it.
 */
export async function serveCallbacks(queue: JobQueue, port: number, ui: Ui): Promise<() => Promise<void>> {
  const handler = queue.callbackHandler({
    onError: (error, taskId) =>
      ui.note(`callback${taskId ? ` for ${taskId}` : ''} not recorded: ${error instanceof Error ? error.message : String(error)}`),
  });
  const server = createServer(handler.node);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new UsageError(`--callback-port ${port}: ${error.message}`)));
    server.listen(port, () => resolve());
  });
  const listening = (server.address() as AddressInfo).port;
  ui.event('callbacks', { port: listening });
  ui.note(`Taking EvoLink's callbacks on port ${listening}.`);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handler.idle();
  };
}
