import { fileSource } from './file-source.js';
import { filePathOf, isLocalFile, type LocalMedia } from './local-file.js';
import { CHUNK_BYTES, type MediaSource } from './media-source.js';

export { CHUNK_BYTES, LocalFileProblem, SETTLED_MS, type FileVersion, type MediaSource } from './media-source.js';

/** The reader for any kind of local media. */
export function toMediaSource(media: LocalMedia): MediaSource {
  if (isLocalFile(media)) return fileSource(media.path, media.name);
  if (media instanceof URL) {
    const path = filePathOf(media);
    return fileSource(path, path.split('/').pop() || undefined);
  }
  if (media instanceof Uint8Array || media instanceof ArrayBuffer) return blobSource(new Blob([media]), 'bytes', undefined);
  const name = typeof (media as File).name === 'string' && (media as File).name !== '' ? (media as File).name : undefined;
  return blobSource(media, name ? `a File (${name})` : 'a Blob', name);
}

function blobSource(blob: Blob, label: string, name: string | undefined): MediaSource {
  return {
    label,
    name,
    declaredType: blob.type || undefined,
    size: async () => blob.size,
    head: async (n) => new Uint8Array(await blob.slice(0, n).arrayBuffer()),
    read: async (offset, n) => new Uint8Array(await blob.slice(offset, offset + n).arrayBuffer()),
    // Blob.stream() chunks can be large; re-chunk so progress and memory behave like a file's.
    stream: () => rechunk(blob.stream()),
  };
}

/** A stream's chunks in pieces of at most {@link CHUNK_BYTES}. */
async function* rechunk(source: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (let offset = 0; offset < value.byteLength; offset += CHUNK_BYTES) yield value.subarray(offset, offset + CHUNK_BYTES);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
