import type { FieldGetters } from '../graph/graph-fields.util';
import { commentsOn } from '../meta-comments.util';
import { graphTime } from '../meta-ids.util';
import type { MetaComment, MetaState } from '../meta-state.types';

/** What Graph answers for a Comment when `fields` is absent. */
export const COMMENT_DEFAULT_FIELDS = ['created_time', 'from', 'message', 'id'] as const;

/** The post's permalink with the comment picked out, as Facebook links a comment. */
export function commentPermalink(comment: MetaComment): string {
  const [postPart, commentPart] = comment.id.split('_');
  return `https://www.facebook.com/${comment.accountId}/posts/${postPart}?comment_id=${commentPart}`;
}

export function commentFields(state: MetaState, comment: MetaComment): FieldGetters {
  const page = state.pages[comment.accountId];
  const parent = comment.parentId === comment.rootId ? undefined : state.comments[comment.parentId];
  return {
    id: () => comment.id,
    message: () => comment.text,
    created_time: () => graphTime(comment.createdAt),
    from: () => (page ? { name: page.name, id: page.id } : undefined),
    parent: () => (parent ? { created_time: graphTime(parent.createdAt), message: parent.text, id: parent.id } : undefined),
    permalink_url: () => commentPermalink(comment),
    comment_count: () => commentsOn(state, comment.id).length,
    like_count: () => 0,
    is_hidden: () => false,
    // Replies take no replies of their own (threads are one level deep).
    can_comment: () => parent === undefined,
  };
}
