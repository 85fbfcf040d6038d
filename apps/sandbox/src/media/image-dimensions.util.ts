import type { MediaFormat } from './media-sniff.util';

export interface ImageDimensions {
  width: number;
  height: number;
}

// Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the JPEG segments up to the first start-of-frame; undefined when it is not in `bytes`. */
export function jpegDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= view.length) {
    if (view[at] !== 0xff) return undefined;
    const marker = view[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data or end before any frame header
    const length = view.readUInt16BE(at + 2);
    if (SOF_MARKERS.has(marker)) {
      if (at + 9 > view.length) return undefined;
      return { height: view.readUInt16BE(at + 5), width: view.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

/** PNG keeps its size in the IHDR chunk, always first. */
export function pngDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 24) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

export function gifDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 10) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.readUInt16LE(6), height: view.readUInt16LE(8) };
}

export function imageDimensions(format: MediaFormat, bytes: Uint8Array): ImageDimensions | undefined {
  switch (format) {
    case 'jpeg':
      return jpegDimensions(bytes);
    case 'png':
      return pngDimensions(bytes);
    case 'gif':
      return gifDimensions(bytes);
    default:
      return undefined;
  }
}
