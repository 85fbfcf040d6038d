import type { MediaRecord } from '../state/media-record.types';
import { imageDimensions } from './image-dimensions.util';
import { sniffFormat } from './media-sniff.util';
import { mp4DurationMs } from './mp4-duration.util';

/** Enough of the file to find a JPEG frame header behind large EXIF blocks. */
const HEAD_BYTES = 512 * 1024;

export type MediaFetchFailure = 'invalid-url' | 'unreachable' | 'timeout' | 'http-status' | 'too-large';

export interface MediaFetchOptions {
  /** TikTok refuses a URL that redirects; Meta follows. Default true. */
  followRedirects?: boolean;
}

export type MediaFetchResult =
  | { ok: true; record: MediaRecord }
  | { ok: false; reason: MediaFetchFailure; detail: string; record: MediaRecord };

/**
 * Downloads media URLs the way the providers do: with a deadline, a size cap, and a verdict on
 * the format taken from the bytes. Only the head of the file is kept; the rest is counted.
 */
export class MediaFetcher {
  constructor(private readonly timeoutMs: number) {}

  async fetch(url: string, maxBytes: number, options: MediaFetchOptions = {}): Promise<MediaFetchResult> {
    const record: MediaRecord = { url, contentType: null, bytes: 0, format: 'unknown' };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, reason: 'invalid-url', detail: 'not an absolute URL', record };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return { ok: false, reason: 'invalid-url', detail: `unsupported scheme ${parsed.protocol}`, record };
    }
    try {
      const response = await fetch(parsed, { signal: AbortSignal.timeout(this.timeoutMs), redirect: options.followRedirects === false ? 'manual' : 'follow' });
      record.httpStatus = response.status;
      record.contentType = response.headers.get('content-type');
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, reason: 'http-status', detail: `HTTP ${response.status}`, record };
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel();
        record.bytes = declared;
        return { ok: false, reason: 'too-large', detail: `${declared} bytes`, record };
      }
      const head = await this.readCapped(response, record, maxBytes);
      record.format = sniffFormat(head);
      const size = imageDimensions(record.format, head);
      if (size) Object.assign(record, size);
      if (record.format === 'mp4' || record.format === 'mov') {
        const durationMs = mp4DurationMs(head);
        if (durationMs !== undefined) record.durationMs = durationMs;
      }
      if (record.bytes > maxBytes) return { ok: false, reason: 'too-large', detail: `more than ${maxBytes} bytes`, record };
      return { ok: true, record };
    } catch (error) {
      // Duck-typed: the DOMException fetch throws is not always an `Error` of this realm (Jest's vm).
      const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        return { ok: false, reason: 'timeout', detail: `no complete answer within ${this.timeoutMs} ms`, record };
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      return { ok: false, reason: 'unreachable', detail: cause, record };
    }
  }

  /** Reads the body, keeping its head and counting the rest; stops once past the cap. */
  private async readCapped(response: Response, record: MediaRecord, maxBytes: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let kept = 0;
    if (!response.body) return new Uint8Array();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      record.bytes += value.byteLength;
      if (kept < HEAD_BYTES) {
        chunks.push(value.subarray(0, HEAD_BYTES - kept));
        kept += Math.min(value.byteLength, HEAD_BYTES - kept);
      }
      if (record.bytes > maxBytes) {
        await reader.cancel();
        break;
      }
    }
    return Buffer.concat(chunks);
  }
}
