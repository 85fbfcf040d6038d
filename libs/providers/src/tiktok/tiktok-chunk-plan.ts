const MIB = 1_048_576;

// TikTok's media transfer guide says "5 MB" and "64 MB" without saying which megabyte: the
// bounds below hold under both readings (5 MiB >= 5,000,000; 64,000,000 <= 64 MiB).
export const MIN_CHUNK_BYTES = 5 * MIB;
export const MAX_CHUNK_BYTES = 64_000_000;
/** Files up to this size go as one chunk (chunk_size = video_size). */
export const SINGLE_CHUNK_MAX_BYTES = 64_000_000;
export const DEFAULT_CHUNK_BYTES = 10 * MIB;
export const MAX_CHUNK_COUNT = 1000;
/** TikTok's limit for one video. */
export const MAX_VIDEO_BYTES = 4 * 1024 * MIB;

export interface ChunkRange {
  /** First and last byte, inclusive, as Content-Range names them. */
  start: number;
  end: number;
}

export interface ChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  chunks: ChunkRange[];
}

/**
 * TikTok's FILE_UPLOAD chunking: up to 64 MB in one chunk; above, chunks of `preferredBytes`
 * (kept between 5 and 64 MB), `floor(size / chunk)` of them, the last absorbing the remainder
 * (so it is under twice the chunk size, within TikTok's 128 MB for a last chunk).
 *
 * Worked example: 70,108,865 bytes with 10 MiB chunks → floor(70108865 / 10485760) = 6 chunks,
 * five of 10,485,760 bytes and a last one of 17,680,065.
 */
export function planChunks(videoSize: number, preferredBytes = DEFAULT_CHUNK_BYTES): ChunkPlan {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0) throw new RangeError(`Cannot upload a video of ${videoSize} bytes`);
  if (videoSize <= SINGLE_CHUNK_MAX_BYTES) {
    return { videoSize, chunkSize: videoSize, totalChunkCount: 1, chunks: [{ start: 0, end: videoSize - 1 }] };
  }
  let chunkSize = Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.floor(preferredBytes)));
  if (Math.floor(videoSize / chunkSize) > MAX_CHUNK_COUNT) chunkSize = Math.ceil(videoSize / MAX_CHUNK_COUNT);
  const totalChunkCount = Math.floor(videoSize / chunkSize);
  const chunks: ChunkRange[] = [];
  for (let index = 0; index < totalChunkCount; index++) {
    const start = index * chunkSize;
    const end = index === totalChunkCount - 1 ? videoSize - 1 : start + chunkSize - 1;
    chunks.push({ start, end });
  }
  return { videoSize, chunkSize, totalChunkCount, chunks };
}
