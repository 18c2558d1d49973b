import type { Sink } from './types.js';

// The edge build replaces this file with file-sink.edge.ts (same exports): see tsup.config.ts.

/**
 * The temporary file of one download: `<dest>.<random>.part`, created exclusively (`wx`: never an existing file, never
 * through a symbolic link), so downloads to one path never share one; each renames its own complete file onto `dest`
 * (atomic: the path holds one whole body at any time, the last one renamed in the end). Resumes happen within the
 * call, on this open handle; nothing needs to find the file again, and a failed call removes it.
 */
export async function fileSink(path: string): Promise<Sink> {
  const fs = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  const { randomBytes } = await import('node:crypto');
  await fs.mkdir(dirname(path), { recursive: true });
  const part = `${path}.${randomBytes(6).toString('hex')}.part`;
  const handle = await fs.open(part, 'wx', 0o644);
  let position = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    path,
    async write(chunk) {
      for (let offset = 0; offset < chunk.byteLength; ) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset, position);
        offset += bytesWritten;
        position += bytesWritten;
      }
    },
    async rewind() {
      await handle.truncate(0);
      position = 0;
    },
    async finish() {
      await close();
      await fs.rename(part, path);
    },
    async abandon() {
      await close().catch(() => {});
      await fs.rm(part, { force: true }).catch(() => {});
    },
  };
}
