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
}
