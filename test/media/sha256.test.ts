// The edge build's SHA-256 (plain JavaScript: Web Crypto cannot hash a stream) gives node:crypto's digest for any
// bytes, however they are split into chunks, at every padding boundary.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSha256 } from '../../src/media/sha256.edge.js';

const nodeDigest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function edgeDigest(chunks: readonly Uint8Array[]): Promise<string> {
  const hasher = await createSha256();
  for (const chunk of chunks) hasher.update(chunk);
  return hasher.digest();
}

describe('sha256.edge.ts', () => {
  it('matches the FIPS 180-4 examples', async () => {
    expect(await edgeDigest([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await edgeDigest([new TextEncoder().encode('abc')])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto at every length around the padding boundaries (55, 56, 63, 64 bytes…)', async () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(await edgeDigest([bytes]), `length ${length}`).toBe(nodeDigest(bytes));
    }
  });

  it('matches node:crypto for any bytes split into any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), async (chunks) => {
        const whole = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
        let offset = 0;
        for (const chunk of chunks) {
          whole.set(chunk, offset);
          offset += chunk.byteLength;
        }
        expect(await edgeDigest(chunks)).toBe(nodeDigest(whole));
      }),
      { numRuns: 300 },
    );
  });
});
