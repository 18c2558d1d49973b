/** Which version of a file a result host is sending: its validators, as far as it gave them. */
export interface FileVersion {
  etag: string | undefined;
  lastModified: string | undefined;
}

/** The validators of a 200 or 206 response. */
export function versionOf(response: Response): FileVersion {
  return {
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
}

/**
 * `If-Range` for a resume: a strong ETag, else `Last-Modified` (RFC 9110 forbids a weak ETag there). A host that sees
 * another version then answers 200 with the whole new file instead of a range of it.
 */
export function ifRangeOf(version: FileVersion | undefined): string | undefined {
  if (version?.etag !== undefined && !version.etag.startsWith('W/')) return version.etag;
  return version?.lastModified;
}

/** `false` when both responses name their version the same way and the names differ: the file changed. */
export function mayBeSameVersion(a: FileVersion, b: FileVersion): boolean {
  if (a.etag !== undefined && b.etag !== undefined) return a.etag === b.etag;
  if (a.lastModified !== undefined && b.lastModified !== undefined) return a.lastModified === b.lastModified;
  return true;
}

/** `true` only when both responses carry the same validator: the bytes are known to be the same file's. */
export function isSameVersion(a: FileVersion, b: FileVersion): boolean {
  if (a.etag !== undefined && b.etag !== undefined) return a.etag === b.etag && !a.etag.startsWith('W/');
  return a.lastModified !== undefined && a.lastModified === b.lastModified;
}
