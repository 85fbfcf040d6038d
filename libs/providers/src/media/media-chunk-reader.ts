import { Readable } from 'node:stream';
import { ProviderError } from '../provider-error';
import type { MediaFetcher } from './media-fetcher';

interface SourceState {
  error?: unknown;
}

export interface ChunkBody {
  stream: Readable;
  /** The error of the media source, when it (and not the receiver of the chunk) failed. */
  sourceError(): unknown;
}

/**
 * Cuts one download into consecutive chunks without holding a chunk in memory. Chunks read in
 * order share one download; a chunk read again (a retry) or out of order opens a new download
 * from its first byte.
 */
export class MediaChunkReader {
  private source: Readable | undefined;
  private iterator: AsyncIterator<unknown> | undefined;
  private pending: Buffer | undefined;
  private position = 0;

  constructor(
    private readonly fetcher: MediaFetcher,
    private readonly url: string,
  ) {}

  /** A stream of exactly `length` bytes from `start`; it fails if the media ends early. */
  async open(start: number, length: number): Promise<ChunkBody> {
    if (!this.iterator || this.position !== start) await this.reopen(start);
    const state: SourceState = {};
    return { stream: Readable.from(this.bytes(length, state), { objectMode: false }), sourceError: () => state.error };
  }

  close(): void {
    this.discard();
  }

  private async *bytes(length: number, state: SourceState): AsyncGenerator<Buffer> {
    let left = length;
    try {
      while (left > 0) {
        let piece = this.pending ?? (await this.next(state));
        this.pending = undefined;
        if (piece.length > left) {
          this.pending = piece.subarray(left);
          piece = piece.subarray(0, left);
        }
        left -= piece.length;
        this.position += piece.length;
        yield piece;
      }
    } finally {
      // Stopped part way (the receiver failed, or the source did): the next chunk starts afresh.
      if (left > 0) this.discard();
    }
  }

  private async next(state: SourceState): Promise<Buffer> {
    try {
      const result = await this.iterator!.next();
      if (!result.done) return result.value as Buffer;
      state.error = new ProviderError({
        code: 'MEDIA_UNREACHABLE',
        message: `The media at ${this.url} ended before its announced size; it may have changed while uploading.`,
        retryable: true,
        outcome: 'not-applied',
      });
    } catch (error) {
      state.error = error;
    }
    throw state.error;
  }

  private async reopen(start: number): Promise<void> {
    this.discard();
    const source = await this.fetcher.stream(this.url, start);
    this.source = source;
    this.iterator = source[Symbol.asyncIterator]();
    this.position = start;
  }

  private discard(): void {
    this.source?.destroy();
    this.source = undefined;
    this.iterator = undefined;
    this.pending = undefined;
  }
}
