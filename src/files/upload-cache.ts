import type { Clock } from '../internal/clock.js';
import { sha256Of } from '../media/hash.js';
import type { FileVersion, MediaSource } from '../media/source.js';
import type { UploadedFile } from './types.js';

/**
 * A file is reused only while it has at least this long to live: a task may wait in EvoLink's queue before it fetches
 * its inputs.
 */
export const MIN_REMAINING_LIFETIME_MS = 60 * 60 * 1000;
/** Most uploads remembered per client (the oldest are forgotten first). */
const MAX_ENTRIES = 1000;

/** One remembered upload. */
interface Entry {
  size: number;
  /** The file's version key when it was sent, if settled: the same file is found again without being read. */
  version: string | undefined;
  /** The SHA-256 of the bytes sent, or `undefined` once it cannot be known (a failed upload, a file changed since). */
  sha256: () => Promise<string | undefined>;
  file: Promise<UploadedFile>;
}

/** How one upload is sent, as the cache decides. */
export interface UploadPlan {
  /** The bytes' SHA-256, when it was computed before sending: what streams must match it. */
  sha256: string | undefined;
  /** The file's version when the upload began: the upload fails if it differs once the file has been read. */
  version: FileVersion | undefined;
  /** Given when the bytes must be hashed as they stream: receives their SHA-256 once all were sent. */
  onSent: ((sha256: string) => void) | undefined;
}

/** Sends one upload as planned. */
export type SendUpload = (plan: UploadPlan) => Promise<UploadedFile>;

/**
 * The files this client uploaded, so that the same bytes are uploaded once while the upload lives (72 h): a second
 * call with the same photo reuses its URL, and a resubmission with the same `idempotencyKey` sends an identical body.
 * Concurrent uploads of the same file share one request.
 *
 * The bytes are read once, as they are sent. A file that has not changed since it was uploaded (same device, inode,
 * size and times: its settled {@link FileVersion}) is found by that version, without reading it. Other sources are
 * compared by SHA-256, and only with uploads of the same size: the first upload of a size is never hashed before it
 * is sent (a file with a settled version is not hashed at all; its hash is computed if a same-sized upload ever needs
 * it), so an upload runs at the speed of the wire.
 */
export class UploadCache {
  /** Every entry, oldest first. */
  readonly #entries = new Set<Entry>();
  readonly #byVersion = new Map<string, Entry>();
  readonly #bySize = new Map<number, Set<Entry>>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The live upload of `source`'s bytes (`size` of them), or a new one by `send`, remembered. */
  async getOrUpload(source: MediaSource, size: number, send: SendUpload, signal?: AbortSignal): Promise<UploadedFile> {
    const version = await source.version?.();
    const known = await this.#byVersionOf(version);
    if (known) return known;
    const sameSize = [...(this.#bySize.get(size) ?? [])];
    if (sameSize.length === 0) return this.upload(source, size, version, send);
    // An upload of this size exists: the same bytes, perhaps, which only their hashes can tell.
    const sha256 = await sha256Of(source, signal);
    for (const entry of sameSize) {
      const theirs = await entry.sha256();
      if (theirs === undefined) this.#forget(entry);
      if (theirs !== sha256) continue;
      const file = await this.#live(entry);
      if (file) return file;
    }
    // The same file may have started uploading while this one was hashed.
    return (await this.#byVersionOf(version)) ?? this.upload(source, size, version, send, sha256);
  }

  /** Sends `source` (`client.files.upload()`, or a call's media not uploaded yet) and remembers the upload. */
  upload(source: MediaSource, size: number, version: FileVersion | undefined, send: SendUpload, sha256?: string): Promise<UploadedFile> {
    const settled = version?.settled ? version : undefined;
    let streamed: ((sha256: string | undefined) => void) | undefined;
    const entrySha256 =
      sha256 !== undefined
        ? () => Promise.resolve(sha256)
        : settled
          ? hashOnDemand(source, settled.key)
          : once(new Promise<string | undefined>((resolve) => (streamed = resolve)));
    const file = send({ sha256, version, onSent: streamed });
    const entry: Entry = { size, version: settled?.key, sha256: entrySha256, file };
    this.#add(entry);
    file.catch(() => {
      streamed?.(undefined);
      this.#forget(entry);
    });
    return file;
  }

  async #byVersionOf(version: FileVersion | undefined): Promise<UploadedFile | undefined> {
    return version?.settled ? this.#live(this.#byVersion.get(version.key)) : undefined;
  }

  /** The entry's file while it lives; an entry whose upload failed or expires too soon is forgotten. */
  async #live(entry: Entry | undefined): Promise<UploadedFile | undefined> {
    if (!entry) return undefined;
    const file = await entry.file.catch(() => undefined);
    if (file && file.expiresAt.getTime() - this.#clock.now() >= MIN_REMAINING_LIFETIME_MS) return file;
    this.#forget(entry);
    return undefined;
  }

  #add(entry: Entry): void {
    const replaced = entry.version === undefined ? undefined : this.#byVersion.get(entry.version);
    if (replaced) this.#forget(replaced);
    this.#entries.add(entry);
    if (entry.version !== undefined) this.#byVersion.set(entry.version, entry);
    const sameSize = this.#bySize.get(entry.size) ?? new Set();
    this.#bySize.set(entry.size, sameSize.add(entry));
    if (this.#entries.size > MAX_ENTRIES) this.#forget(this.#entries.values().next().value!);
  }

  #forget(entry: Entry): void {
    if (!this.#entries.delete(entry)) return;
    if (entry.version !== undefined && this.#byVersion.get(entry.version) === entry) this.#byVersion.delete(entry.version);
    const sameSize = this.#bySize.get(entry.size);
    sameSize?.delete(entry);
    if (sameSize?.size === 0) this.#bySize.delete(entry.size);
  }
}

/** A promise as a function (the entry's `sha256`), which never rejects. */
function once(promise: Promise<string | undefined>): () => Promise<string | undefined> {
  const settled = promise.catch(() => undefined);
  return () => settled;
}

/**
 * The SHA-256 of a file uploaded without being hashed, computed the first time it is asked for: only while the file
 * is still at the version it was uploaded at (before and after the read), else `undefined` (its bytes are gone).
 */
function hashOnDemand(source: MediaSource, key: string): () => Promise<string | undefined> {
  let hashed: Promise<string | undefined> | undefined;
  const unchanged = async (): Promise<boolean> => (await source.version?.())?.key === key;
  const hash = async (): Promise<string | undefined> => {
    if (!(await unchanged())) return undefined;
    const sha256 = await sha256Of(source);
    return (await unchanged()) ? sha256 : undefined;
  };
  return () => {
    hashed ??= hash().catch(() => undefined);
    return hashed;
  };
}
