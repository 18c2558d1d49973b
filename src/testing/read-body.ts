import type { IncomingMessage } from 'node:http';

/** How reading a request body ended. */
export type BodyRead =
  /** The whole body, decoded as UTF-8. */
  | { kind: 'complete'; raw: string }
  /** Longer than the limit (declared or counted); reading stopped. */
  | { kind: 'too-large' }
  /** The client went away (or the server timed it out) before the body ended. */
  | { kind: 'aborted' };

/**
 * Reads a request body of at most `limit` bytes. Resolves in every case and never rejects, so a client that
 * disconnects mid-body cannot turn into an unhandled rejection in the process hosting the server.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) settle({ kind: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle({ kind: 'complete', raw: Buffer.concat(chunks).toString('utf8') });
    // 'close' before 'end' means the body never completed; an 'error' is always followed by 'close'.
    const onClose = (): void => settle({ kind: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.on('error', () => {});
  });
}
