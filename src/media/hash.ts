import { createSha256 } from './sha256.js';
import type { MediaSource } from './source.js';

export { createSha256, type Hasher } from './sha256.js';

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
