import type { MediaSource } from './source.js';

/** An incremental SHA-256. */
export interface Hasher {
  update(chunk: Uint8Array): void;
  /** Hex digest; call once. */
  digest(): string;
}

/** A new SHA-256 hasher from node:crypto (Node, Deno and Bun all provide it), imported on first use. */
export async function createSha256(): Promise<Hasher> {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('hex') };
}

/** The SHA-256 of every byte of `source`, read as a stream (never held whole). */
export async function sha256Of(source: MediaSource, signal?: AbortSignal): Promise<string> {
  const hasher = await createSha256();
  // Leaving the loop (an abort, a read error) ends the iteration, which closes the file.
  for await (const chunk of source.stream()) {
    signal?.throwIfAborted();
    hasher.update(chunk);
  }
  return hasher.digest();
}
