/** What a file is, read from its first bytes (never from its name). */
export type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** A detected format: its short name, what kind of media it is, and its MIME type. */
export interface Format {
  name: string;
  kind: MediaKind;
  mime: string;
}

const f = (name: string, kind: MediaKind, mime: string): Format => ({ name, kind, mime });

/** image-size's type names → the SDK's format. */
const IMAGE_FORMATS: Record<string, Format> = {
  jpg: f('jpeg', 'image', 'image/jpeg'),
  png: f('png', 'image', 'image/png'),
  bmp: f('bmp', 'image', 'image/bmp'),
  webp: f('webp', 'image', 'image/webp'),
  gif: f('gif', 'image', 'image/gif'),
  heif: f('heic', 'image', 'image/heic'),
  heic: f('heic', 'image', 'image/heic'),
  avif: f('avif', 'image', 'image/avif'),
  tiff: f('tiff', 'image', 'image/tiff'),
  svg: f('svg', 'image', 'image/svg+xml'),
  ico: f('ico', 'image', 'image/x-icon'),
  jxl: f('jxl', 'image', 'image/jxl'),
  psd: f('psd', 'image', 'image/vnd.adobe.photoshop'),
};

/** How each format is named in messages. */
export const FORMAT_LABELS: Record<string, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  bmp: 'BMP',
  webp: 'WEBP',
  gif: 'GIF',
  heic: 'HEIC/HEIF',
  avif: 'AVIF',
  mp4: 'MP4',
  mov: 'MOV',
  mp3: 'MP3',
  wav: 'WAV',
  pdf: 'PDF',
  'office-zip': 'an Office/iWork document (docx, xlsx, pptx, key, pages, numbers)',
  'office-ole': 'a legacy Office document (doc, xls, ppt)',
  text: 'plain text (txt, md)',
};

const ascii = (bytes: Uint8Array, start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));

/** ISO-BMFF (`ftyp` box) brands: QuickTime, audio-only MPEG-4, 3GPP; everything else with `ftyp` is an MP4. */
function isoFormat(brand: string): Format | undefined {
  if (brand === 'qt  ') return f('mov', 'video', 'video/quicktime');
  if (brand.startsWith('M4A') || brand.startsWith('M4B')) return f('m4a', 'audio', 'audio/mp4');
  if (brand.startsWith('3g')) return f('3gp', 'video', 'video/3gpp');
  if (/^(heic|heix|hevc|heim|heis|hevm|mif1|msf1|avif|avis)$/.test(brand)) return undefined; // images: image-size's job
  return f('mp4', 'video', 'video/mp4');
}

/** An MPEG audio frame header: 11 sync bits, a valid layer (ADTS AAC has layer 00) and bitrate. */
function isMp3Frame(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && ((b[1]! >> 1) & 3) !== 0 && b[2]! >> 4 !== 0xf;
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.includes(0)) return false;
  try {
    // `stream`: a character cut at the end of the bytes read is not an error, any other invalid byte is.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Formats whose first bytes cannot be mistaken for text: long magic numbers, or bytes no UTF-8 text has. */
function sniffStrong(b: Uint8Array): Format | undefined {
  const box = ascii(b, 4, 8);
  if (box === 'ftyp') return isoFormat(ascii(b, 8, 12));
  // Old QuickTime files start with a moov, mdat, wide, free or skip atom.
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].includes(box)) return f('mov', 'video', 'video/quicktime');
  const riff = ascii(b, 0, 4) === 'RIFF' ? ascii(b, 8, 12) : undefined;
  if (riff === 'WAVE') return f('wav', 'audio', 'audio/wav');
  if (riff === 'AVI ') return f('avi', 'video', 'video/x-msvideo');
  if (isMp3Frame(b)) return f('mp3', 'audio', 'audio/mpeg');
  if (b[0] === 0xff && (b[1]! & 0xf6) === 0xf0) return f('aac', 'audio', 'audio/aac');
  if (ascii(b, 0, 4) === 'fLaC') return f('flac', 'audio', 'audio/flac');
  if (ascii(b, 0, 4) === 'OggS') return f('ogg', 'audio', 'audio/ogg');
  if (ascii(b, 0, 5) === '#!AMR') return f('amr', 'audio', 'audio/amr');
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return f('webm', 'video', 'video/webm');
  if (ascii(b, 0, 5) === '%PDF-') return f('pdf', 'document', 'application/pdf');
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return f('office-zip', 'document', 'application/zip');
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return f('office-ole', 'document', 'application/x-ole-storage');
  return undefined;
}

/** Formats told by one to three bytes that a text can start with too (`G`, `ID3`, `FLV`): judged after the text check. */
function sniffLoose(b: Uint8Array): Format | undefined {
  if (ascii(b, 0, 3) === 'ID3') return f('mp3', 'audio', 'audio/mpeg');
  if (ascii(b, 0, 3) === 'FLV') return f('flv', 'video', 'video/x-flv');
  if (b[0] === 0x47 && (b.length < 189 || b[188] === 0x47)) return f('ts', 'video', 'video/mp2t');
  return undefined;
}

/**
 * Audio, video and binary document formats by their magic bytes (images are left to image-size): strong signatures
 * first; the loose ones only for bytes that are not valid UTF-8 text, so a note starting with `ID3` stays a note.
 */
export function sniffContainer(b: Uint8Array): Format | undefined {
  if (b.length < 12) return undefined;
  return sniffStrong(b) ?? (isUtf8Text(b) ? undefined : sniffLoose(b));
}

/** An image's format and pixel size. `truncated`: the header did not fit in the bytes given; read more. */
export type ImageHeader = { format: Format; width: number; height: number; alpha: boolean } | { truncated: true } | undefined;

/**
 * Reads an image header with image-size. `undefined` when the bytes are no image it knows; `truncated` when they
 * start like one but the dimensions lie further in (a JPEG with large metadata). image-size (~10 ms to load) is
 * imported here, on the first header read, not when the SDK is imported.
 */
export async function readImageHeader(bytes: Uint8Array): Promise<ImageHeader> {
  const { imageSize } = await import('image-size');
  let size: { width?: number; height?: number; type?: string | undefined };
  try {
    size = imageSize(bytes);
  } catch (error) {
    return /buffer|bounds|range|offset/i.test(error instanceof Error ? error.message : '') ? { truncated: true } : undefined;
  }
  const format = size.type === undefined ? undefined : IMAGE_FORMATS[size.type];
  if (!format || size.width === undefined || size.height === undefined) return undefined;
  return { format, width: size.width, height: size.height, alpha: format.name === 'png' && pngHasAlpha(bytes) };
}

/** PNG colour types 4 and 6 carry an alpha channel; a tRNS chunk before the image data makes a colour transparent. */
function pngHasAlpha(bytes: Uint8Array): boolean {
  const colourType = bytes[25];
  if (colourType === 4 || colourType === 6) return true;
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
    const type = ascii(bytes, offset + 4, offset + 8);
    if (type === 'tRNS') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    offset += 12 + length;
  }
  return false;
}

/** Plain UTF-8 text (txt, md), judged from the first bytes. */
export function sniffText(bytes: Uint8Array): Format | undefined {
  return isUtf8Text(bytes) ? f('text', 'document', 'text/plain') : undefined;
}
