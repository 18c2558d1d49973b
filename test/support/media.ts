// Media for tests, made on the fly (real headers, tiny bodies) or read from test/fixtures/media (made with ImageMagick
// and ffmpeg: photo.heic, photo.webp 320×240; voice.mp3, 2 s of silence).
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'media');
/** The demo's real 640×480 JPEG. */
export const CAT_JPG = join(import.meta.dirname, '..', '..', 'examples', 'assets', 'cat.jpg');
/** A fixture's path. */
export const fixture = (name: string): string => join(FIXTURES, name);
/** A fixture's bytes. */
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture(name)));

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A valid PNG of `width`×`height` (one colour); RGBA (colour type 6) with `alpha`. */
export function pngBytes(width: number, height: number, options: { alpha?: boolean } = {}): Uint8Array {
  const channels = options.alpha ? 4 : 3;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, options.alpha ? 6 : 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * channels + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width * channels + 1)] = 0; // filter byte
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]),
  );
}

/** A 24-bit BMP of `width`×`height`. */
export function bmpBytes(width: number, height: number): Uint8Array {
  const row = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * height, 0x40);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  return new Uint8Array(out);
}

/** A PCM WAV of `seconds` of silence (8 kHz mono). */
export function wavBytes(seconds: number): Uint8Array {
  const samples = 8000 * seconds;
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(8000, 24);
  out.writeUInt32LE(16000, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  return new Uint8Array(out);
}

/**
 * A clip of more than `mdatBytes` with its moov at the end, written to `path` in a few writes: ftyp, an mdat header
 * whose body is a sparse hole (nothing written, no disk used), then the moov of the real 6 s fixture clip-6s.mp4.
 */
export function clipWithMoovAtEnd(path: string, mdatBytes = 100_000_000): { path: string; size: number } {
  const small = readFileSync(fixture('av/clip-6s.mp4'));
  const boxes = new Map<string, Buffer>();
  for (let o = 0; o < small.length; o += small.readUInt32BE(o)) {
    boxes.set(small.toString('latin1', o + 4, o + 8), small.subarray(o, o + small.readUInt32BE(o)));
  }
  const [ftyp, moov] = [boxes.get('ftyp')!, boxes.get('moov')!];
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(mdatBytes);
  mdat.write('mdat', 4, 'latin1');
  const fd = openSync(path, 'w');
  writeSync(fd, ftyp, 0, ftyp.length, 0);
  writeSync(fd, mdat, 0, 8, ftyp.length);
  writeSync(fd, moov, 0, moov.length, ftyp.length + mdatBytes);
  closeSync(fd);
  return { path, size: ftyp.length + mdatBytes + moov.length };
}
