import { planChunks } from './tiktok-chunk-plan';

const MIB = 1_048_576;

describe(planChunks.name, () => {
  it('should send up to 64 MB as one chunk whose size is the file size', () => {
    expect(planChunks(3_000_000)).toEqual({ videoSize: 3_000_000, chunkSize: 3_000_000, totalChunkCount: 1, chunks: [{ start: 0, end: 2_999_999 }] });
    expect(planChunks(64_000_000).totalChunkCount).toBe(1);
  });

  it('should cut a larger file into floor(size / chunk) chunks, the last absorbing the remainder', () => {
    const plan = planChunks(64_000_001);

    expect(plan.chunkSize).toBe(10 * MIB);
    expect(plan.totalChunkCount).toBe(6);
    expect(plan.chunks.at(-1)).toEqual({ start: 5 * 10 * MIB, end: 64_000_000 });
    expect(plan.chunks.every((chunk, index) => index === 0 || chunk.start === plan.chunks[index - 1]!.end + 1)).toBe(true);
  });

  it('should keep the chunk size between 5 and 64 MB and the count at most 1000', () => {
    expect(planChunks(100 * MIB, 1 * MIB).chunkSize).toBe(5 * MIB);
    expect(planChunks(200 * MIB, 100 * MIB).chunkSize).toBe(64_000_000);
    const huge = planChunks(4 * 1024 * MIB, 1);
    expect(huge.totalChunkCount).toBeLessThanOrEqual(1000);
    expect(huge.chunks.at(-1)!.end).toBe(4 * 1024 * MIB - 1);
    expect(huge.chunks.at(-1)!.end - huge.chunks.at(-1)!.start + 1).toBeLessThan(128 * MIB);
  });
});
