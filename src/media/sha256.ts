// The edge build replaces this file with sha256.edge.ts (same exports): see tsup.config.ts.

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
