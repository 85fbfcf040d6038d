import type { MediaFetcher } from '../../media/media-fetcher';
import { FORMAT_FAMILY } from '../../media/media-sniff.util';
import type { MediaRecord } from '../../state/media-record.types';
import type { GraphError } from '../graph/graph-error';
import type { IgContainerVerdict } from '../meta-state.types';
import {
  aspectRatioUnsupported,
  captionTooLong,
  imageFormatUnsupported,
  imageTooLarge,
  mediaDownloadFailed,
  mediaDownloadTimedOut,
  tooManyMentions,
} from './instagram.errors';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
// Reels may be 300 MB (stories 100 MB); only the head is kept, so one generous cap serves both.
const MAX_VIDEO_BYTES = 300 * 1024 * 1024;
const MAX_CAPTION = 2200;
const MAX_HASHTAGS = 30;
const MAX_MENTIONS = 20;
// 4:5 and 1.91:1, with room for rounding in pixel sizes.
const MIN_RATIO = 0.8 - 1e-9;
const MAX_RATIO = 1.91 + 1e-9;

/** Caption limits, counted in UTF-16 units as the networks count them. */
export function captionProblem(caption: string): GraphError | undefined {
  const hashtags = caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (caption.length > MAX_CAPTION || hashtags > MAX_HASHTAGS) return captionTooLong();
  const mentions = caption.match(/@[\p{L}\p{N}._]+/gu)?.length ?? 0;
  if (mentions > MAX_MENTIONS) return tooManyMentions();
  return undefined;
}

/**
 * Downloads an image_url as Instagram does when the container is created, and refuses it the
 * way Instagram does: unreachable or not media, larger than 8 MiB, not a JPEG, or (for feed
 * images) an aspect ratio outside 4:5..1.91:1.
 */
export async function fetchContainerImage(media: MediaFetcher, url: string, checkAspect: boolean): Promise<MediaRecord> {
  const fetched = await media.fetch(url, MAX_IMAGE_BYTES);
  if (!fetched.ok) {
    if (fetched.reason === 'too-large') throw imageTooLarge();
    if (fetched.reason === 'timeout') throw mediaDownloadTimedOut();
    throw mediaDownloadFailed(url);
  }
  const { record } = fetched;
  if (FORMAT_FAMILY[record.format] !== 'image') throw mediaDownloadFailed(url);
  if (record.format !== 'jpeg') throw imageFormatUnsupported();
  if (checkAspect && record.width && record.height) {
    const ratio = record.width / record.height;
    if (ratio < MIN_RATIO || ratio > MAX_RATIO) throw aspectRatioUnsupported(record.width, record.height);
  }
  return record;
}

/** The outcome of a video_url download; failures surface later as the container's ERROR status. */
export async function judgeContainerVideo(media: MediaFetcher, url: string): Promise<IgContainerVerdict> {
  const fetched = await media.fetch(url, MAX_VIDEO_BYTES);
  if (!fetched.ok) {
    if (fetched.reason === 'timeout') return { ok: false, subcode: 2207003, media: fetched.record };
    if (fetched.reason === 'too-large') return { ok: false, subcode: 2207026, media: fetched.record };
    return { ok: false, subcode: 2207052, media: fetched.record };
  }
  if (fetched.record.format !== 'mp4' && fetched.record.format !== 'mov') {
    return { ok: false, subcode: 2207026, media: fetched.record };
  }
  return { ok: true, media: fetched.record };
}
