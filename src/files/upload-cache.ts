import type { Clock } from '../internal/clock.js';
import type { UploadedFile } from './types.js';

/**
 * A file is reused only while it has at least this long to live: a task may wait in EvoLink's queue before it fetches
 * its inputs.
 */
export const MIN_REMAINING_LIFETIME_MS = 60 * 60 * 1000;
/** Most uploads remembered per client (the oldest are forgotten first). */
const MAX_ENTRIES = 1000;

/**
 * The files this client uploaded, by the SHA-256 of their bytes, so that the same bytes are uploaded once while the
 * upload lives (72 h): a second call with the same photo reuses its URL, and a resubmission with the same
 * `idempotencyKey` sends an identical body. Concurrent uploads of the same bytes share one request.
 */
export class UploadCache {
  readonly #entries = new Map<string, Promise<UploadedFile>>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The live upload of these bytes, or the result of `upload()` (shared with concurrent callers). */
  async getOrUpload(sha256: string, upload: () => Promise<UploadedFile>): Promise<UploadedFile> {
    const known = this.#entries.get(sha256);
    if (known) {
      const file = await known.catch(() => undefined);
      if (file && this.#fresh(file)) return file;
      if (this.#entries.get(sha256) === known) this.#entries.delete(sha256);
    }
    const pending = upload();
    this.#set(sha256, pending);
    pending.catch(() => {
      if (this.#entries.get(sha256) === pending) this.#entries.delete(sha256);
    });
    return pending;
  }

  /** Records a finished upload (from `client.files.upload()`). */
  remember(sha256: string, file: UploadedFile): void {
    this.#set(sha256, Promise.resolve(file));
  }

  #fresh(file: UploadedFile): boolean {
    return file.expiresAt.getTime() - this.#clock.now() >= MIN_REMAINING_LIFETIME_MS;
  }

  #set(sha256: string, entry: Promise<UploadedFile>): void {
    this.#entries.delete(sha256);
    this.#entries.set(sha256, entry);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
