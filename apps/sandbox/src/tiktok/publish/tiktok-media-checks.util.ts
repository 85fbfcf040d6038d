import type { MediaFetcher } from '../../media/media-fetcher';
import { FORMAT_FAMILY, type MediaFormat } from '../../media/media-sniff.util';
import type { TikTokAccount, TikTokMedia, TikTokVerdict } from '../tiktok-state.types';
import { MAX_VIDEO_BYTES } from './tiktok-chunk-rules.util';

const VIDEO_FORMATS = new Set<MediaFormat>(['mp4', 'mov', 'webm']);
// No PNG: TikTok's photo posts take JPEG and WEBP only.
const PHOTO_FORMATS = new Set<MediaFormat>(['jpeg', 'webp']);
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * TikTok's checks of a video once all of it is in: MP4, QuickTime or WebM by its bytes, and no
 * longer than the creator's maximum. The duration is read from the MP4/QuickTime movie header;
 * a WebM's is not read, so it passes that check.
 */
export function videoFailReason(account: TikTokAccount, media: TikTokMedia): string | undefined {
  if (!VIDEO_FORMATS.has(media.format)) return 'file_format_check_failed';
  if (media.durationMs !== undefined && media.durationMs > account.maxVideoDurationSec * 1000) return 'duration_check_failed';
  return undefined;
}

/**
 * Downloads a video_url as TikTok does: no redirects followed, up to 4 GB. Whatever does not
 * bring back a video (an unreachable host, an error page, an image) is a failed pull.
 */
export async function pullVideo(fetcher: MediaFetcher, account: TikTokAccount, url: string): Promise<TikTokVerdict> {
  const fetched = await fetcher.fetch(url, MAX_VIDEO_BYTES, { followRedirects: false });
  const { record } = fetched;
  const media: TikTokMedia = { url, bytes: record.bytes, contentType: record.contentType, format: record.format };
  if (record.durationMs !== undefined) media.durationMs = record.durationMs;
  if (!fetched.ok || FORMAT_FAMILY[record.format] !== 'video') return { ok: false, failReason: 'video_pull_failed', media: [media] };
  const failReason = videoFailReason(account, media);
  return failReason ? { ok: false, failReason, media: [media] } : { ok: true, media: [media] };
}

/**
 * Downloads the photo_images in order; the first that fails decides the fail_reason: a failed
 * download or something that is no image is photo_pull_failed, an image other than JPEG or
 * WEBP file_format_check_failed, one over 20 MB picture_size_check_failed.
 */
export async function pullPhotos(fetcher: MediaFetcher, urls: readonly string[]): Promise<TikTokVerdict> {
  const media: TikTokMedia[] = [];
  for (const url of urls) {
    const fetched = await fetcher.fetch(url, MAX_PHOTO_BYTES, { followRedirects: false });
    const { record } = fetched;
    media.push({ url, bytes: record.bytes, contentType: record.contentType, format: record.format });
    if (!fetched.ok) return { ok: false, failReason: fetched.reason === 'too-large' ? 'picture_size_check_failed' : 'photo_pull_failed', media };
    if (FORMAT_FAMILY[record.format] !== 'image') return { ok: false, failReason: 'photo_pull_failed', media };
    if (!PHOTO_FORMATS.has(record.format)) return { ok: false, failReason: 'file_format_check_failed', media };
  }
  return { ok: true, media };
}
