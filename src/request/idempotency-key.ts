import { ValidationError } from '../errors/index.js';

const KEY = /^[A-Za-z0-9._-]{16,96}$/;

const PREFIX = 'evolink-wan-';
/** Random bytes for this many keys are drawn at once (as `crypto.randomUUID()` caches its entropy). */
const KEYS_PER_DRAW = 64;

/** The key's bytes, rewritten for each key, and what it is built from; made on the first create. */
interface KeyMaker {
  bytes: Uint8Array;
  /** Positions of the 32 hex digits in `evolink-wan-xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
  digitAt: number[];
  hex: Uint8Array;
  random: Uint8Array;
  used: number;
  decoder: { decode(bytes: Uint8Array): string };
}
let maker: KeyMaker | undefined;

function keyMaker(): KeyMaker {
  const encoder = new TextEncoder();
  const bytes = encoder.encode(`${PREFIX}00000000-0000-0000-0000-000000000000`);
  const digitAt = [...bytes.keys()].filter((i) => i >= PREFIX.length && bytes[i] !== 0x2d);
  const random = new Uint8Array(16 * KEYS_PER_DRAW);
  return { bytes, digitAt, hex: encoder.encode('0123456789abcdef'), random, used: random.length, decoder: new TextDecoder() };
}

/**
 * `evolink-wan-` and a random version 4 UUID (RFC 9562), from the platform's CSPRNG, like `crypto.randomUUID()`, but
 * made as one string: randomUUID concatenates about twenty pieces, garbage on every create.
 */
function newKey(): string {
  maker ??= keyMaker();
  const m = maker;
  if (m.used === m.random.length) {
    globalThis.crypto.getRandomValues(m.random);
    m.used = 0;
  }
  let digit = 0;
  for (let i = 0; i < 16; i++) {
    let byte = m.random[m.used + i]!;
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    if (i === 8) byte = (byte & 0x3f) | 0x80; // variant 10xx
    m.bytes[m.digitAt[digit++]!] = m.hex[byte >> 4]!;
    m.bytes[m.digitAt[digit++]!] = m.hex[byte & 0x0f]!;
  }
  m.used += 16;
  return m.decoder.decode(m.bytes);
}

/**
 * The `Idempotency-Key` of a task-creating POST: the caller's, checked against EvoLink's format (16–96 characters of
 * `[A-Za-z0-9._-]`), or a new random one. The same key is sent on every retry of the call.
 */
export function idempotencyKeyFor(given: unknown): string {
  if (given === undefined) return newKey();
  if (typeof given !== 'string' || !KEY.test(given)) {
    throw new ValidationError([
      {
        path: ['idempotencyKey'],
        code: 'invalid_format',
        message: 'idempotencyKey must be 16–96 characters of letters, digits, ".", "_" or "-"',
      },
    ]);
  }
  return given;
}
