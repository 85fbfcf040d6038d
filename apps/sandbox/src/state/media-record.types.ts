import type { MediaFormat } from '../media/media-sniff.util';

/** A media URL as the sandbox downloaded it. */
export interface MediaRecord {
  url: string;
  /** HTTP status of the download; absent when the host could not be reached. */
  httpStatus?: number;
  contentType: string | null;
  bytes: number;
  format: MediaFormat;
  width?: number;
  height?: number;
  /** MP4 and QuickTime: the movie header's duration, when the downloaded head holds it. */
  durationMs?: number;
}
