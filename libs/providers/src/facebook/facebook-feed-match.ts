import type { PublishedRef } from '@herald/domain';
import { arrayField, idField, objectField, stringField } from '../json-fields.util';
import { createdSinceCommit, earliestCreated, sameText } from '../meta/published-match.util';

/** Fields to ask of `/{page-id}/feed` for findFeedPost. */
export const FEED_LOOKUP_FIELDS = 'id,message,created_time,permalink_url,attachments';

interface FeedEntry {
  id: string;
  message?: string;
  createdAt?: string;
  permalink?: string;
  /** Ids of the photos/videos attached, as far as the entry shows them. */
  attachedIds: Set<string>;
}

/**
 * Finds the Page post a commit created: created since the commit started, with the message that
 * was sent and, when the entry lists its attachments, one of the photos Herald attached.
 * A photo-only post (no message) is recognised by its photos alone.
 */
export function findFeedPost(
  listing: unknown,
  match: { message: string; photoIds: string[]; commitStartedAt: Date },
): PublishedRef | undefined {
  const candidates = (arrayField(listing, 'data') ?? [])
    .map(toFeedEntry)
    .filter((entry): entry is FeedEntry => entry !== undefined)
    .filter((entry) => createdSinceCommit(entry.createdAt, match.commitStartedAt))
    .filter((entry) => sameText(entry.message, match.message))
    .filter((entry) => attachmentsAgree(entry, match.photoIds, match.message.trim() === ''));
  const found = earliestCreated(candidates);
  return found ? { releaseId: found.id, releaseUrl: found.permalink } : undefined;
}

function attachmentsAgree(entry: FeedEntry, photoIds: string[], messageIsEmpty: boolean): boolean {
  if (photoIds.length === 0) return true;
  const overlaps = photoIds.some((id) => entry.attachedIds.has(id));
  // Without a message to compare, only the photos identify the post.
  if (messageIsEmpty) return overlaps;
  return entry.attachedIds.size === 0 || overlaps;
}

function toFeedEntry(raw: unknown): FeedEntry | undefined {
  const id = idField(raw, 'id');
  if (!id) return undefined;
  return {
    id,
    message: stringField(raw, 'message'),
    createdAt: stringField(raw, 'created_time'),
    permalink: stringField(raw, 'permalink_url'),
    attachedIds: attachedIdsOf(raw),
  };
}

/** attachments.data[].target.id, and the same inside subattachments (multi-photo posts). */
function attachedIdsOf(raw: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (attachments: unknown): void => {
    for (const attachment of arrayField(attachments, 'data') ?? []) {
      const targetId = idField(objectField(attachment, 'target'), 'id');
      if (targetId) ids.add(targetId);
      visit(objectField(attachment, 'subattachments'));
    }
  };
  visit(objectField(raw, 'attachments'));
  return ids;
}
