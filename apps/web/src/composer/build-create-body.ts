import type { CreatePostBody, CreatePostType, UploadedMedia } from '../api/api.types';
import { type WallClock, wallClockToIso } from '../time/zoned-date-time.util';

export interface ComposerInput {
  type: CreatePostType;
  channelIds: readonly string[];
  content: string;
  media: readonly UploadedMedia[];
  /** The wall clock the user picked, read in `timeZone`. */
  when: WallClock;
  timeZone: string;
}

/**
 * POST /posts's body: the same post to every chosen channel. "now" sends no date (the API
 * takes its own now); "schedule" and "draft" send the picked time with the zone's offset, and
 * the zone itself, which Herald keeps beside the instant.
 */
export function buildCreateBody(input: ComposerInput): CreatePostBody {
  const image = input.media.map((m) => ({ id: m.id, path: m.path }));
  return {
    type: input.type,
    ...(input.type !== 'now' && { date: wallClockToIso(input.when, input.timeZone) }),
    timeZone: input.timeZone,
    posts: input.channelIds.map((id) => ({ integration: { id }, value: [{ content: input.content, image }] })),
  };
}
