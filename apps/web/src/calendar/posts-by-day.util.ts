import type { Post } from '../api/api.types';
import { isoToWallClock } from '../time/zoned-date-time.util';

export interface PlacedPost {
  post: Post;
  /** 'HH:mm' in the chosen zone. */
  time: string;
}

/** The posts of each date, as read in `timeZone`, earliest first within a day. */
export function postsByDay(posts: readonly Post[], timeZone: string): Map<string, PlacedPost[]> {
  const days = new Map<string, PlacedPost[]>();
  for (const post of posts) {
    const { date, time } = isoToWallClock(post.publishAt, timeZone);
    const day = days.get(date) ?? [];
    day.push({ post, time });
    days.set(date, day);
  }
  for (const day of days.values()) day.sort((a, b) => a.post.publishAt.localeCompare(b.post.publishAt));
  return days;
}
