// Text is text: a UTF-8 note whose first letters happen to spell a loose container signature (`G` for MPEG-TS,
// `ID3`, `FLV`, `BM`, `GIF89a`) is plain text for wan3.0's model_params.file_url, while the real binary files behind
// those signatures are still recognised (and refused there, naming what they are).
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const NOTES: [string, string][] = [
  ['a short note starting with G (MPEG-TS sync byte)', 'Girl in Image 1 waves.'],
  ['a long note starting with G, with G at byte 188 too', `G${'o'.repeat(187)}Go on, the second paragraph starts here.`],
  ['a note starting with ID3 (MP3 tag)', 'ID3 tags: the narrator names each song as it plays.'],
  ['a note starting with FLV', 'FLV files are not wanted; show the deck slide by slide.'],
  ['a note starting with BM (BMP)', 'BMW i3 on a coastal road, then the launch slide.\n'.repeat(4)],
  ['a note starting with GIF89a', 'GIF89a-style loops of the logo, three times.'],
  ['a Markdown note in several scripts', '# Guión\n\nÉcran 1 — 猫がピアノを弾く 🎹\n'],
];

// The binary files the loose signatures are for: each has bytes no UTF-8 text has (NUL, 0xFF).
const id3 = new Uint8Array([...utf8('ID3'), 3, 0, 0, 0, 0, 0, 10, ...new Array<number>(10).fill(0), 0xff, 0xfb, 0x90, 0x64]);
const flv = new Uint8Array([...utf8('FLV'), 1, 5, 0, 0, 0, 9, 0, 0, 0, 0, ...new Array<number>(16).fill(0)]);
const ts = new Uint8Array(188 * 2).map((_, i) => (i % 188 === 0 ? 0x47 : i % 188 === 1 ? 0x40 : 0));
const BINARIES: [string, Uint8Array, RegExp][] = [
  ['an MP3 with an ID3v2 tag', id3, /is an MP3 audio file/],
  ['an FLV video', flv, /is an FLV video/],
  ['an MPEG-TS stream', ts, /is a TS video/],
];

const file = (bytes: Uint8Array, name: string): File => new File([bytes], name);

describe('format sniffing: strong signatures first, then valid UTF-8 is text', () => {
  it.each(NOTES)('%s is plain text for wan3.0 model_params.file_url', async (_name, text) => {
    const { server, client } = await setup();
    const prepared = await client.prepareMedia({
      model: 'wan3.0-reference-video',
      prompt: 'Present the note',
      model_params: { file_url: file(utf8(text), 'note.txt') },
    });
    expect(prepared.uploads).toHaveLength(1);
    expect([...server.uploads.values()].map((u) => u.mimeType)).toEqual(['text/plain']);
  });

  it.each(BINARIES)('%s is still recognised as what it is (and refused as a document)', async (_name, bytes, said) => {
    const { server, client } = await setup();
    const error = await client
      .prepareMedia({ model: 'wan3.0-reference-video', prompt: 'p', model_params: { file_url: file(bytes, 'note.txt') } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(said);
    expect(server.uploads.size).toBe(0);
  });
});
