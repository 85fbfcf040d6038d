import type { PublishedRef } from '@herald/domain';
import { arrayField, type JsonObject, numberField, stringField } from '../json-fields.util';
import { RECONCILE_CLOCK_SKEW_MS, sameText } from '../meta/published-match.util';
import { exactId, videoUrl } from './tiktok-publish-status';

export const VIDEO_LIST_FIELDS = 'id,title,video_description,create_time,share_url';
export const VIDEO_LIST_MAX_COUNT = 20;
/** A reconciliation reads at most this many pages of the list (200 posts). */
export const VIDEO_LIST_MAX_PAGES = 10;

export interface VideoMatchInput {
  /** The texts init sent (video caption; photo title and description). */
  texts: string[];
  commitStartedAt: Date;
  username?: string;
}

/**
 * Finds, in `/v2/video/list/` pages, the post a commit made: created since the commit started
 * (less a clock skew), and listing every text that was sent (as its title or description: a
 * photo post's title alone, often the same from post to post, must not pick another post). Of
 * several, the earliest. Private (SELF_ONLY) posts are not listed, so "not found" proves nothing.
 */
export function findPublishedVideo(pages: readonly JsonObject[], input: VideoMatchInput): PublishedRef | undefined {
  const texts = input.texts.filter((text) => text.trim() !== '');
  if (texts.length === 0) return undefined;
  const since = input.commitStartedAt.getTime() - RECONCILE_CLOCK_SKEW_MS;
  let best: { id: string; createdMs: number; shareUrl?: string } | undefined;
  for (const video of pages.flatMap((page) => arrayField(page, 'videos') ?? [])) {
    const id = exactId((video as JsonObject)['id']);
    const createdMs = createdAtMs(numberField(video, 'create_time'));
    if (!id || createdMs === undefined || createdMs < since) continue;
    const published = [stringField(video, 'title'), stringField(video, 'video_description')];
    if (!texts.every((sent) => published.some((text) => text !== undefined && sameText(text, sent)))) continue;
    if (!best || createdMs < best.createdMs) best = { id, createdMs, shareUrl: stringField(video, 'share_url') };
  }
  if (!best) return undefined;
  const releaseUrl = best.shareUrl ?? (input.username ? videoUrl(input.username, best.id) : undefined);
  return releaseUrl ? { releaseId: best.id, releaseUrl } : { releaseId: best.id };
}

/** Whether a `/v2/video/list/` page (newest first) reaches back before `since`, less the clock skew. */
export function reachesBefore(page: JsonObject, since: Date): boolean {
  const limit = since.getTime() - RECONCILE_CLOCK_SKEW_MS;
  return (arrayField(page, 'videos') ?? []).some((video) => {
    const createdMs = createdAtMs(numberField(video, 'create_time'));
    return createdMs !== undefined && createdMs < limit;
  });
}

/** A `/v2/video/list/` page as candidates for an inbox post's real video, newest first. */
export function listedVideos(data: JsonObject): Array<{ id: string; url: string | null; createdAt: string | null; text: string | null }> {
  return (arrayField(data, 'videos') ?? []).flatMap((raw) => {
    const video = raw as JsonObject;
    const id = exactId(video['id']);
    if (!id) return [];
    const createdMs = createdAtMs(numberField(video, 'create_time'));
    return [
      {
        id,
        url: stringField(video, 'share_url') ?? null,
        createdAt: createdMs === undefined ? null : new Date(createdMs).toISOString(),
        text: stringField(video, 'title') ?? stringField(video, 'video_description') ?? null,
      },
    ];
  });
}

/** create_time is Unix seconds; a value in milliseconds is accepted too. */
function createdAtMs(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value > 1e12 ? value : value * 1000;
}
