import { open } from 'node:fs/promises';
import { type MediaFacts, probeMedia } from '@herald/domain';

/** Small files are probed whole; a large video only by its top-level boxes (ftyp, moov). */
const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

/**
 * Reads what probeMedia needs from a file on disk. An MP4's movie header may sit after gigabytes
 * of media data, so for a large file the top-level boxes are walked by their sizes and only the
 * `ftyp` and `moov` boxes are read.
 */
export async function readMediaFacts(file: string, size: number): Promise<MediaFacts | null> {
  const handle = await open(file, 'r');
  try {
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    if (size <= WHOLE_FILE_LIMIT) return probeMedia(await read(0, size));
    const head = await read(0, HEAD_BYTES);
    const facts = probeMedia(head);
    if (facts?.kind !== 'video') return facts;
    const boxes: Buffer[] = [];
    for (let at = 0; at + 8 <= size && boxes.length < 2; ) {
      const header = await read(at, 16);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      if (boxSize === 0) boxSize = size - at;
      if (boxSize < 8) break;
      if (type === 'ftyp' || (type === 'moov' && boxSize <= WHOLE_FILE_LIMIT)) boxes.push(await read(at, boxSize));
      at += boxSize;
    }
    return probeMedia(Buffer.concat(boxes)) ?? facts;
  } finally {
    await handle.close();
  }
}
