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
  const reader = source.stream().getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) return hasher.digest();
      hasher.update(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {}); // closes the file
    throw error;
  }
}
