import type { PublishedRef } from '@herald/domain';
import { arrayField, idField, stringField } from '../json-fields.util';
import { createdSinceCommit, earliestCreated, sameText } from '../meta/published-match.util';

interface ListedMedia {
  id: string;
  caption?: string;
  createdAt?: string;
  permalink?: string;
}

/** Fields to ask of `/{ig-user-id}/media` (and `/stories`) for findPublishedMedia. */
export const MEDIA_LOOKUP_FIELDS = 'id,caption,timestamp,permalink';

/**
 * Finds the post a commit created in the account's recent media: created since the commit
 * started and, except for stories (which have no caption), with the caption that was sent.
 */
export function findPublishedMedia(
  listing: unknown,
  match: { caption: string | undefined; commitStartedAt: Date },
): PublishedRef | undefined {
  const candidates = (arrayField(listing, 'data') ?? [])
    .map(toListedMedia)
    .filter((media): media is ListedMedia => media !== undefined)
    .filter((media) => createdSinceCommit(media.createdAt, match.commitStartedAt))
    .filter((media) => match.caption === undefined || sameText(media.caption, match.caption));
  const found = earliestCreated(candidates);
  return found ? { releaseId: found.id, releaseUrl: found.permalink } : undefined;
}

function toListedMedia(entry: unknown): ListedMedia | undefined {
  const id = idField(entry, 'id');
  if (!id) return undefined;
  return {
    id,
    caption: stringField(entry, 'caption'),
    createdAt: stringField(entry, 'timestamp'),
    permalink: stringField(entry, 'permalink'),
  };
}
