import { invalidParam } from '../tiktok.errors';

const MIB = 1024 * 1024;
export const MIN_CHUNK_BYTES = 5 * MIB;
export const MAX_CHUNK_BYTES = 64 * MIB;
export const MAX_LAST_CHUNK_BYTES = 128 * MIB;
export const MAX_CHUNKS = 1000;
export const MAX_VIDEO_BYTES = 4 * 1024 * MIB;

export interface ChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunks: number;
}

function positiveInteger(source: Record<string, unknown>, name: string): number {
  const value = source[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw invalidParam(`source_info.${name} must be a positive integer for FILE_UPLOAD.`);
  }
  return value;
}

/**
 * The media transfer guide's chunk rules, checked at init (400 invalid_param naming the rule).
 * A file under 5 MiB goes whole; otherwise chunks are 5 to 64 MiB, there are
 * floor(video_size / chunk_size) of them (1 to 1000), and the last absorbs the remainder.
 */
export function checkChunkRules(source: Record<string, unknown>): ChunkPlan {
  const videoSize = positiveInteger(source, 'video_size');
  const chunkSize = positiveInteger(source, 'chunk_size');
  const totalChunks = positiveInteger(source, 'total_chunk_count');
  if (videoSize > MAX_VIDEO_BYTES) throw invalidParam(`video_size ${videoSize} exceeds the 4 GB limit.`);
  if (videoSize < MIN_CHUNK_BYTES) {
    if (chunkSize !== videoSize || totalChunks !== 1) {
      throw invalidParam(`A video under 5 MB (${videoSize} bytes) must be uploaded whole: chunk_size must equal video_size and total_chunk_count must be 1.`);
    }
    return { videoSize, chunkSize, totalChunks };
  }
  if (chunkSize < MIN_CHUNK_BYTES || chunkSize > MAX_CHUNK_BYTES) {
    throw invalidParam(`chunk_size ${chunkSize} must be between 5 MB (${MIN_CHUNK_BYTES}) and 64 MB (${MAX_CHUNK_BYTES}) bytes.`);
  }
  const expected = Math.floor(videoSize / chunkSize);
  if (totalChunks !== expected) {
    throw invalidParam(`total_chunk_count must be floor(video_size / chunk_size) = ${expected}, not ${totalChunks}; the last chunk absorbs the remainder.`);
  }
  if (totalChunks > MAX_CHUNKS) throw invalidParam(`total_chunk_count ${totalChunks} exceeds ${MAX_CHUNKS} chunks.`);
  const last = videoSize - (totalChunks - 1) * chunkSize;
  if (last > MAX_LAST_CHUNK_BYTES) throw invalidParam(`The last chunk would be ${last} bytes; it may be at most 128 MB.`);
  return { videoSize, chunkSize, totalChunks };
}
