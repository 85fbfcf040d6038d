export interface SniffedType {
  mimeType: string;
  extension: string;
  kind: 'image' | 'video';
}

/**
 * The file's type from its first bytes, never from the name or the client's Content-Type (the
 * Postiz CLI sends application/octet-stream for anything it does not know). Video is MP4 only:
 * it is the one container every network Herald serves accepts.
 */
export function sniffMediaType(head: Buffer): SniffedType | null {
  const at = (offset: number, bytes: number[]) => bytes.every((b, i) => head[offset + i] === b);
  const ascii = (offset: number, text: string) => head.subarray(offset, offset + text.length).toString('latin1') === text;

  if (at(0, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg', kind: 'image' };
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: 'image/png', extension: 'png', kind: 'image' };
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return { mimeType: 'image/gif', extension: 'gif', kind: 'image' };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { mimeType: 'image/webp', extension: 'webp', kind: 'image' };
  if (ascii(4, 'ftyp')) {
    const brand = head.subarray(8, 12).toString('latin1');
    if (brand === 'avif' || brand === 'avis') return { mimeType: 'image/avif', extension: 'avif', kind: 'image' };
    // QuickTime (qt) and other ISO-BMFF files are not MP4 to the networks.
    if (['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'MSNV'].includes(brand)) {
      return { mimeType: 'video/mp4', extension: 'mp4', kind: 'video' };
    }
  }
  return null;
}
