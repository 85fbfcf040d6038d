import type { TikTokPublish } from '../tiktok-state.types';

export type PublishStatusCode = 'PROCESSING_UPLOAD' | 'PROCESSING_DOWNLOAD' | 'SEND_TO_USER_INBOX' | 'PUBLISH_COMPLETE' | 'FAILED';

export interface PublishStatus {
  status: PublishStatusCode;
  failReason: string;
  /** Digit strings; written as bare JSON numbers. */
  postIds: string[];
  uploadedBytes: number;
  downloadedBytes: number;
}

function uploadInProgress(publish: TikTokPublish): boolean {
  return publish.upload !== undefined && publish.upload.received < publish.upload.videoSize;
}

/**
 * The status fetch state machine, without side effects: PROCESSING_UPLOAD while chunks are
 * missing; then PROCESSING_UPLOAD (FILE_UPLOAD) or PROCESSING_DOWNLOAD (PULL_FROM_URL) for the
 * processing reads and as long as a download runs; then PUBLISH_COMPLETE (direct),
 * SEND_TO_USER_INBOX (inbox) or FAILED with its fail_reason.
 */
export function publishStatus(publish: TikTokPublish): PublishStatus {
  const uploadedBytes = publish.upload?.received ?? 0;
  const pulled = publish.source === 'PULL_FROM_URL' && publish.verdict ? publish.verdict.media.reduce((sum, m) => sum + m.bytes, 0) : 0;
  const base = { failReason: '', postIds: [], uploadedBytes, downloadedBytes: pulled };
  if (publish.cancelled) return { ...base, status: 'FAILED', failReason: 'publish_cancelled' };
  if (uploadInProgress(publish)) return { ...base, status: 'PROCESSING_UPLOAD' };
  const processing: PublishStatusCode = publish.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD';
  if (publish.pollsLeft > 0 || !publish.verdict) return { ...base, status: processing };
  if (!publish.verdict.ok) return { ...base, status: 'FAILED', failReason: publish.verdict.failReason };
  if (publish.mode === 'inbox') return { ...base, status: 'SEND_TO_USER_INBOX' };
  return { ...base, status: 'PUBLISH_COMPLETE', postIds: publish.publiclyAvailable && publish.postId ? [publish.postId] : [] };
}

/** A status read: once the media is on its way in, each read uses up one processing poll. */
export function readPublish(publish: TikTokPublish): void {
  if (!publish.cancelled && !uploadInProgress(publish) && publish.pollsLeft > 0) publish.pollsLeft--;
}

/** TikTok's status data, with the post ids as raw int64 numbers (JSON.stringify would need them as JS numbers and lose digits). */
export function statusJson(status: PublishStatus): string {
  const ids = status.postIds.filter((id) => /^\d+$/.test(id)).join(',');
  return (
    `{"status":${JSON.stringify(status.status)},"fail_reason":${JSON.stringify(status.failReason)},` +
    `"publicaly_available_post_id":[${ids}],"uploaded_bytes":${status.uploadedBytes},"downloaded_bytes":${status.downloadedBytes}}`
  );
}
