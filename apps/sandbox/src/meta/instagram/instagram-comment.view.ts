import type { FieldGetters } from '../graph/graph-fields.util';
import { commentsOn } from '../meta-comments.util';
import { graphTime } from '../meta-ids.util';
import type { MetaComment, MetaState } from '../meta-state.types';

/** What the sandbox answers for an IG Comment when `fields` is absent. */
export const IG_COMMENT_DEFAULT_FIELDS = ['timestamp', 'text', 'username', 'id'] as const;

export function instagramCommentFields(state: MetaState, comment: MetaComment): FieldGetters {
  const username = state.igAccounts[comment.accountId]?.username ?? '';
  const media = state.igMedia[comment.rootId];
  const isReply = comment.parentId !== comment.rootId;
  return {
    id: () => comment.id,
    text: () => comment.text,
    timestamp: () => graphTime(comment.createdAt),
    username: () => username,
    // Meta gives an Instagram-scoped id here; the sandbox gives the account id.
    from: () => ({ id: comment.accountId, username }),
    media: () => (media ? { id: media.id, media_product_type: media.productType } : undefined),
    parent_id: () => (isReply ? comment.parentId : undefined),
    replies: () => (isReply ? undefined : { data: commentsOn(state, comment.id).map((reply) => ({ id: reply.id })) }),
    hidden: () => false,
    like_count: () => 0,
  };
}
