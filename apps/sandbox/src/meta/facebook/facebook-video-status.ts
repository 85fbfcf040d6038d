import { graphTime } from '../meta-ids.util';
import type { FbVideo } from '../meta-state.types';

export type VideoStatus = 'processing' | 'ready' | 'error';

/** Processing lasts for the configured number of reads and until the download is judged. */
export function videoStatus(video: FbVideo): VideoStatus {
  if (video.pollsLeft > 0 || !video.verdict) return 'processing';
  return video.verdict.ok ? 'ready' : 'error';
}

/** One read of the video: uses up a processing poll. */
export function readVideo(video: FbVideo): void {
  if (video.pollsLeft > 0) video.pollsLeft--;
}

/** The `status` field of a Video node, in Graph's phase layout. */
export function videoStatusField(video: FbVideo): Record<string, unknown> {
  const status = videoStatus(video);
  const bytes = video.verdict?.media?.bytes ?? 0;
  const uploading = { status: 'complete', bytes_transferred: bytes };
  switch (status) {
    case 'processing':
      return {
        video_status: 'processing',
        uploading_phase: uploading,
        processing_phase: { status: 'in_progress' },
        publishing_phase: { status: 'not_started' },
      };
    case 'ready':
      return {
        video_status: 'ready',
        uploading_phase: uploading,
        processing_phase: { status: 'complete' },
        publishing_phase: video.published
          ? { status: 'complete', publish_status: 'published', publish_time: graphTime(video.createdAt) }
          : { status: 'not_started' },
      };
    case 'error':
      return {
        video_status: 'error',
        uploading_phase: uploading,
        processing_phase: {
          status: 'error',
          errors: [{ code: 1363008, message: video.verdict && !video.verdict.ok ? video.verdict.message : 'Processing failed' }],
        },
        publishing_phase: { status: 'not_started' },
      };
  }
}
