/**
 * Duration and picture size of a clip or a sound, read from its container with a few ranged reads: MP4/MOV from the
 * `moov` box (wherever it sits: the `mdat` before it is skipped by its size, never read), WAV from its `fmt ` and
 * `data` chunks, MP3 from its Xing/Info or VBRI frame, or from the first frame header of a constant-bitrate file.
 * Loaded by the media checks only (dynamic import), never by the SDK's main import.
 */

/** What the checks need of a file's bytes: ranged reads. */
export interface RangedBytes {
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** What a container says of its content; a field is absent when the container does not say (or could not be read). */
export interface ContainerFacts {
  seconds?: number | undefined;
  /** The first video track's coded picture size (the sample description's; the track header's display size if absent). */
  width?: number | undefined;
  height?: number | undefined;
  /** Why the duration is unknown, for the debug log. */
  unread?: string | undefined;
}

/** The largest `moov` read whole: a 30-minute clip's sample tables are a few MB; anything larger is not a clip here. */
const MAX_MOOV_BYTES = 32 * 1024 * 1024;
/** Top-level boxes or RIFF chunks walked before giving up (a clip has a handful). */
const MAX_BOXES = 256;

const u16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) * 2 ** 32 + u32(b, o + 4);
const le32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const tag = (b: Uint8Array, o: number): string => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

/** Reads what the container of `format` (`mp4`, `mov`, `wav`, `mp3`) says; `{ unread }` for any other format. */
export function readContainer(format: string, bytes: RangedBytes, size: number): Promise<ContainerFacts> {
  if (format === 'mp4' || format === 'mov') return readMovie(bytes, size);
  if (format === 'wav') return readWave(bytes, size);
  if (format === 'mp3') return readMp3(bytes, size);
  return Promise.resolve({ unread: `no duration reader for ${format}` });
}

/** The children of an ISO-BMFF box body, as [type, start, end] (start of the body, after the header). */
function* boxes(b: Uint8Array, start: number, end: number): Generator<[string, number, number]> {
  for (let o = start; o + 8 <= end; ) {
    let size = u32(b, o);
    let header = 8;
    if (size === 1 && o + 16 <= end) {
      size = u64(b, o + 8);
      header = 16;
    } else if (size === 0) size = end - o;
    if (size < header || o + size > end) return;
    yield [tag(b, o + 4), o + header, o + size];
    o += size;
  }
}

const child = (b: Uint8Array, start: number, end: number, type: string): [number, number] | undefined => {
  for (const [t, s, e] of boxes(b, start, end)) if (t === type) return [s, e];
  return undefined;
};

async function readMovie(bytes: RangedBytes, size: number): Promise<ContainerFacts> {
  for (let offset = 0, n = 0; offset + 8 <= size && n < MAX_BOXES; n++) {
    const header = await bytes.read(offset, 16);
    if (header.length < 8) break;
    let boxSize = u32(header, 0);
    if (boxSize === 1 && header.length >= 16) boxSize = u64(header, 8);
    else if (boxSize === 0) boxSize = size - offset;
    if (boxSize < 8) return { unread: `a box at byte ${offset} has size ${boxSize}` };
    if (tag(header, 4) === 'moov') {
      if (boxSize > MAX_MOOV_BYTES) return { unread: `its moov box is ${boxSize} bytes` };
      const moov = await bytes.read(offset, boxSize);
      if (moov.length < boxSize) return { unread: 'its moov box is cut short' };
      return parseMoov(moov, u32(moov, 0) === 1 ? 16 : 8, moov.length);
    }
    offset += boxSize;
  }
  return { unread: 'no moov box was found' };
}

/** `{ timescale, duration }` of an `mvhd`, `mdhd` or `mehd` full box body (v0: 32-bit times, v1: 64-bit). */
function timing(b: Uint8Array, s: number, type: 'mvhd' | 'mehd'): { timescale: number; duration: number } {
  const v1 = b[s] === 1;
  if (type === 'mehd') return { timescale: 0, duration: v1 ? u64(b, s + 4) : u32(b, s + 4) };
  const at = s + 4 + (v1 ? 16 : 8);
  const duration = v1 ? u64(b, at + 4) : u32(b, at + 4);
  return { timescale: u32(b, at), duration: !v1 && duration === 0xffffffff ? 0 : duration };
}

function parseMoov(b: Uint8Array, start: number, end: number): ContainerFacts {
  const facts: ContainerFacts = {};
  const mvhd = child(b, start, end, 'mvhd');
  if (mvhd) {
    const { timescale, duration } = timing(b, mvhd[0], 'mvhd');
    // A fragmented file's duration is in mvex/mehd (its mvhd says 0), in the same timescale.
    const mehd = child(b, ...(child(b, start, end, 'mvex') ?? [0, 0]), 'mehd');
    const total = duration || (mehd ? timing(b, mehd[0], 'mehd').duration : 0);
    if (timescale > 0 && total > 0) facts.seconds = total / timescale;
  }
  if (facts.seconds === undefined) facts.unread = 'its moov box gives no duration (a fragmented file without mehd?)';
  for (const [type, s, e] of boxes(b, start, end)) {
    if (type !== 'trak') continue;
    const mdia = child(b, s, e, 'mdia');
    const hdlr = mdia && child(b, ...mdia, 'hdlr');
    if (!hdlr || tag(b, hdlr[0] + 8) !== 'vide') continue;
    const stsd = child(b, ...(child(b, ...(child(b, ...mdia, 'minf') ?? [0, 0]), 'stbl') ?? [0, 0]), 'stsd');
    // The first sample entry: 8 bytes of header, then width and height at 24 and 26 bytes into its body.
    const entry = stsd ? stsd[0] + 8 : 0;
    if (stsd && entry + 36 <= stsd[1] && u16(b, entry + 32) > 0) {
      facts.width = u16(b, entry + 32);
      facts.height = u16(b, entry + 34);
    } else {
      const tkhd = child(b, s, e, 'tkhd');
      const at = tkhd ? tkhd[0] + (b[tkhd[0]] === 1 ? 88 : 76) : 0;
      if (tkhd && at + 8 <= tkhd[1]) {
        facts.width = Math.round(u32(b, at) / 65536);
        facts.height = Math.round(u32(b, at + 4) / 65536);
      }
    }
    break;
  }
  return facts;
}

async function readWave(bytes: RangedBytes, size: number): Promise<ContainerFacts> {
  let byteRate = 0;
  for (let offset = 12, n = 0; offset + 8 <= size && n < MAX_BOXES; n++) {
    const header = await bytes.read(offset, 20); // a chunk header, and a fmt chunk's byte rate 8 bytes into its body
    if (header.length < 8) break;
    const id = tag(header, 0);
    const length = le32(header, 4);
    if (id === 'fmt ' && header.length >= 20) byteRate = le32(header, 16);
    if (id === 'data') {
      if (byteRate === 0) return { unread: 'its data chunk comes before a fmt chunk with a byte rate' };
      // Streamed WAVs leave the length at 0 or 0xFFFFFFFF: the data runs to the end of the file.
      const data = length === 0 || length === 0xffffffff || offset + 8 + length > size ? size - offset - 8 : length;
      return { seconds: data / byteRate };
    }
    offset += 8 + length + (length % 2); // chunks are padded to an even length
  }
  return { unread: 'no data chunk was found' };
}

/** kbit/s by [MPEG-1?][layer index 1–3][bitrate index]; sample rates by version; samples per frame. */
const BITRATES = {
  mpeg1: [
    [],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  ],
  mpeg2: [
    [],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  ],
} as const;
const SAMPLE_RATES: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

interface Mp3Frame {
  sampleRate: number;
  samples: number;
  bitrate: number;
  length: number;
  /** Bytes from the frame start to a Xing/Info tag (after the side information). */
  xingAt: number;
}

/** An MPEG audio frame header at `o`, or `undefined` (layer index: 3 = layer I, 1 = layer III). */
function mp3Frame(b: Uint8Array, o: number): Mp3Frame | undefined {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (b[o + 1]! >> 3) & 3;
  const layer = (b[o + 1]! >> 1) & 3;
  const sampleRate = SAMPLE_RATES[version]?.[(b[o + 2]! >> 2) & 3];
  const bitrate = BITRATES[version === 3 ? 'mpeg1' : 'mpeg2'][layer]?.[b[o + 2]! >> 4];
  if (!sampleRate || !bitrate || layer === 0) return undefined;
  const padding = (b[o + 2]! >> 1) & 1;
  const mono = b[o + 3]! >> 6 === 3;
  const samples = layer === 3 ? 384 : layer === 2 || version === 3 ? 1152 : 576;
  const length =
    layer === 3
      ? (Math.floor((12 * bitrate * 1000) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate * 1000) / sampleRate) + padding;
  const xingAt = 4 + (version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17);
  return { sampleRate, samples, bitrate, length, xingAt };
}

/** How far past the ID3 tag the first frame is looked for (encoders may leave padding or junk). */
const MP3_SCAN_BYTES = 64 * 1024;

async function readMp3(bytes: RangedBytes, size: number): Promise<ContainerFacts> {
  let start = 0;
  const id3 = await bytes.read(0, 10);
  if (tag(id3, 0).startsWith('ID3') && id3.length === 10) {
    const syncsafe = ((id3[6]! & 0x7f) << 21) | ((id3[7]! & 0x7f) << 14) | ((id3[8]! & 0x7f) << 7) | (id3[9]! & 0x7f);
    start = 10 + syncsafe + (id3[5]! & 0x10 ? 10 : 0);
  }
  const b = await bytes.read(start, MP3_SCAN_BYTES);
  for (let o = 0; o + 4 <= b.length; o++) {
    const frame = mp3Frame(b, o);
    // A real frame is followed by another (or by the end of what was read): this skips stray 0xFF bytes.
    if (!frame || (o + frame.length + 4 <= b.length && !mp3Frame(b, o + frame.length))) continue;
    const x = o + frame.xingAt;
    const xing = x + 12 <= b.length && /^(Xing|Info)$/.test(tag(b, x)) && u32(b, x + 4) & 1 ? u32(b, x + 8) : undefined;
    const vbri = o + 36 + 18 <= b.length && tag(b, o + 36) === 'VBRI' ? u32(b, o + 36 + 14) : undefined;
    const frames = xing ?? vbri;
    if (frames !== undefined) return { seconds: (frames * frame.samples) / frame.sampleRate };
    // Constant bitrate: the audio bytes (without a trailing ID3v1 tag) at the first frame's bitrate.
    const tail = size >= 128 ? await bytes.read(size - 128, 3) : new Uint8Array();
    const audio = size - (start + o) - (String.fromCharCode(...tail) === 'TAG' ? 128 : 0);
    return { seconds: (audio * 8) / (frame.bitrate * 1000) };
  }
  return { unread: 'no MPEG audio frame was found' };
}
