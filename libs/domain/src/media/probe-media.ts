/**
 * What Herald can tell about a media file from its bytes, without decoding it: the container,
 * the pixel size of an image, the duration of an MP4/MOV. Pure (Uint8Array in, facts out) so that
 * the API can check a network's rules when a file is uploaded and at scheduling time.
 */
export interface MediaFacts {
  mimeType: string;
  kind: 'image' | 'video';
  width?: number;
  height?: number;
  durationMs?: number;
}

const text = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

/** The MP4 brands the networks read as MP4 (QuickTime's `qt  ` is MOV). */
const MP4_BRANDS = ['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'MSNV'];

export function probeMedia(bytes: Uint8Array): MediaFacts | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mimeType: 'image/jpeg', kind: 'image', ...jpegSize(bytes) };
  if (text(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89) {
    return { mimeType: 'image/png', kind: 'image', width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (text(bytes, 0, 6) === 'GIF87a' || text(bytes, 0, 6) === 'GIF89a') {
    return { mimeType: 'image/gif', kind: 'image', width: u16le(bytes, 6), height: u16le(bytes, 8) };
  }
  if (text(bytes, 0, 4) === 'RIFF' && text(bytes, 8, 4) === 'WEBP') return { mimeType: 'image/webp', kind: 'image', ...webpSize(bytes) };
  if (text(bytes, 4, 4) === 'ftyp') {
    const brand = text(bytes, 8, 4);
    if (brand === 'avif' || brand === 'avis') return { mimeType: 'image/avif', kind: 'image' };
    const durationMs = mp4DurationMs(bytes);
    const base = durationMs === undefined ? {} : { durationMs };
    if (brand === 'qt  ') return { mimeType: 'video/quicktime', kind: 'video', ...base };
    if (MP4_BRANDS.includes(brand)) return { mimeType: 'video/mp4', kind: 'video', ...base };
    return null;
  }
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return { mimeType: 'video/webm', kind: 'video' };
  return null;
}

// JPEG: walk the markers to the first start-of-frame (SOF0..SOF15 but DHT/JPG/DAC), whose
// payload holds height then width.
function jpegSize(b: Uint8Array): { width?: number; height?: number } {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return {};
    const marker = b[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = u16be(b, at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    at += 2 + length;
  }
  return {};
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const chunk = text(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return {};
}

// MP4/MOV: the movie header box (moov > mvhd) holds a timescale and a duration. The moov box may
// sit after the media data, so callers pass the whole file, or at least its start and its end.
function mp4DurationMs(b: Uint8Array): number | undefined {
  const moov = findBox(b, 0, b.length, 'moov');
  if (!moov) return undefined;
  const mvhd = findBox(b, moov.start, moov.end, 'mvhd');
  if (!mvhd) return undefined;
  const version = b[mvhd.start]!;
  if (version === 1) {
    const timescale = u32be(b, mvhd.start + 20);
    const duration = u32be(b, mvhd.start + 24) * 2 ** 32 + u32be(b, mvhd.start + 28);
    return timescale ? Math.round((duration / timescale) * 1000) : undefined;
  }
  const timescale = u32be(b, mvhd.start + 12);
  const duration = u32be(b, mvhd.start + 16);
  return timescale ? Math.round((duration / timescale) * 1000) : undefined;
}

/** Finds a box by type among siblings in [from, to); returns its payload range. */
function findBox(b: Uint8Array, from: number, to: number, type: string): { start: number; end: number } | undefined {
  let at = from;
  while (at + 8 <= to) {
    let size = u32be(b, at);
    let header = 8;
    if (size === 1 && at + 16 <= to) {
      size = u32be(b, at + 8) * 2 ** 32 + u32be(b, at + 12);
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header) return undefined;
    if (text(b, at + 4, 4) === type) return { start: at + header, end: Math.min(at + size, to) };
    at += size;
  }
  return undefined;
}
