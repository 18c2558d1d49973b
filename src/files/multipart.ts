import { createSha256, type Hasher } from '../media/hash.js';
import type { FileVersion, MediaSource } from '../media/source.js';
import type { StreamBody } from '../transport/stream-client.js';

/** The file was changed on disk between its check and its upload. */
export class ChangedWhileUploading extends Error {}

/** What goes into one multipart upload. */
export interface MultipartFile {
  source: MediaSource;
  /** Size measured when the file was checked; the body's `Content-Length` is computed from it. */
  size: number;
  /** `filename` of the file part. */
  fileName: string;
  /** `Content-Type` of the file part. */
  mimeType: string;
  /** Text parts sent before the file (`uploadPath`, `fileName`). */
  fields: Record<string, string>;
  /** SHA-256 the bytes must have (checked as they stream; a mismatch fails the upload before it completes). */
  sha256?: string | undefined;
  /**
   * The file's version when the upload began: it must be the same once the last byte is read, else the upload fails
   * before it completes (the bytes sent may be a mix of two versions).
   */
  version?: FileVersion | undefined;
  /** Called with the bytes of the file sent so far. */
  onProgress?: ((sent: number) => void) | undefined;
  /**
   * Receives the SHA-256 of what was sent, once the whole file went out. The bytes are hashed as they stream only
   * when this or `sha256` is given: hashing costs a third of a loopback upload's CPU.
   */
  onSent?: ((sha256: string) => void) | undefined;
}

const encoder = new TextEncoder();

/** A quoted multipart parameter value, escaped as browsers do (`"` → %22, CR → %0D, LF → %0A). */
const quoted = (value: string): string => `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/**
 * A `multipart/form-data` body with one part `file`, built by hand so that it can be streamed (the file is read from
 * its source chunk by chunk while the request is sent) and its exact length sent as `Content-Length`.
 */
export function multipartBody(file: MultipartFile): { contentType: string; body: () => StreamBody } {
  const boundary = `----evolink-wan-${globalThis.crypto.randomUUID()}`;
  let head = '';
  for (const [name, value] of Object.entries(file.fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(file.fileName)}\r\nContent-Type: ${file.mimeType}\r\n\r\n`;
  const prefix = encoder.encode(head);
  const suffix = encoder.encode(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: () => ({ chunks: fileParts(file, prefix, suffix), length: prefix.byteLength + file.size + suffix.byteLength }),
  };
}

async function* fileParts(file: MultipartFile, prefix: Uint8Array, suffix: Uint8Array): AsyncGenerator<Uint8Array> {
  const hasher: Hasher | undefined = file.sha256 !== undefined || file.onSent ? await createSha256() : undefined;
  yield prefix;
  let sent = 0;
  for await (const chunk of file.source.stream()) {
    sent += chunk.byteLength;
    if (sent > file.size) throw new ChangedWhileUploading(`${file.source.label} grew while it was being uploaded`);
    hasher?.update(chunk);
    yield chunk;
    file.onProgress?.(sent);
  }
  const digest = hasher?.digest();
  const changed =
    sent !== file.size ||
    (file.sha256 !== undefined && digest !== file.sha256) ||
    (file.version !== undefined && (await file.source.version?.())?.key !== file.version.key);
  if (changed) throw new ChangedWhileUploading(`${file.source.label} changed while it was being uploaded`);
  if (digest !== undefined) file.onSent?.(digest);
  yield suffix;
}
