import { createdSinceCommit, earliestCreated, metaTime, sameText } from './published-match.util';

/** A comment as a Graph list shows it, reduced to what identifies Herald's own. */
export interface ListedComment {
  id: string;
  text?: string;
  createdAt?: string;
  /** Written by the channel's own account. */
  byAccount: boolean;
}

/**
 * The account's comment with this text made since `since`. Time is judged as reconcile judges
 * posts (createdSinceCommit: Meta's clock, with a small allowance for skew). Comments stamped at
 * or after `since` (to the second: Meta drops milliseconds) come first, so that an earlier
 * thread item with the same text is picked only when nothing later matches.
 */
export function pickOwnComment(listed: ListedComment[], text: string, since: Date): ListedComment | undefined {
  const matching = listed.filter(
    (comment) => comment.byAccount && sameText(comment.text, text) && createdSinceCommit(comment.createdAt, since),
  );
  const sinceSecond = Math.floor(since.getTime() / 1000) * 1000;
  const onOrAfter = matching.filter((comment) => (metaTime(comment.createdAt) ?? Number.NEGATIVE_INFINITY) >= sinceSecond);
  return earliestCreated(onOrAfter.length > 0 ? onOrAfter : matching);
}
