import type { PublishedRef } from '@herald/domain';
import { arrayField, type JsonObject, numberField, stringField } from '../json-fields.util';
import type { TikTokPending } from './tiktok-prepared';

export const TIKTOK_WEB = 'https://www.tiktok.com';

/** Postiz's releaseId for posts sent to the TikTok inbox: the user picks the real video later. */
export const INBOX_RELEASE_ID = 'missing';

/** What `status/fetch` says about a publish_id (spec 4.7). */
export interface TikTokPublishStatus {
  status?: string;
  failReason?: string;
  /** publicaly_available_post_id (sic), as exact decimal strings. */
  postIds: string[];
  uploadedBytes?: number;
}

export function parsePublishStatus(data: JsonObject): TikTokPublishStatus {
  const parsed: TikTokPublishStatus = {
    postIds: (arrayField(data, 'publicaly_available_post_id') ?? []).map(exactId).filter((id): id is string => id !== undefined),
  };
  const status = stringField(data, 'status');
  const failReason = stringField(data, 'fail_reason');
  const uploadedBytes = numberField(data, 'uploaded_bytes');
  if (status) parsed.status = status;
  if (failReason) parsed.failReason = failReason;
  if (uploadedBytes !== undefined) parsed.uploadedBytes = uploadedBytes;
  return parsed;
}

/**
 * Where a finished post lives. Inbox posts are Postiz's 'missing'. A direct post has no public id
 * while it is private (SELF_ONLY, private account) or awaiting moderation: its publish_id and the
 * profile stand in.
 */
export function publishedRef(status: TikTokPublishStatus, pending: TikTokPending): PublishedRef {
  if (status.status === 'SEND_TO_USER_INBOX') return { releaseId: INBOX_RELEASE_ID };
  const postId = status.postIds[0];
  const { username } = pending;
  if (postId) return username ? { releaseId: postId, releaseUrl: videoUrl(username, postId) } : { releaseId: postId };
  return username ? { releaseId: pending.publishId, releaseUrl: profileUrl(username) } : { releaseId: pending.publishId };
}

export function videoUrl(username: string, postId: string): string {
  return `${profileUrl(username)}/video/${postId}`;
}

export function profileUrl(username: string): string {
  return `${TIKTOK_WEB}/@${encodeURIComponent(username)}`;
}

/** Post ids arrive as strings once parsed exactly; small ones may still be numbers. */
export function exactId(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}
