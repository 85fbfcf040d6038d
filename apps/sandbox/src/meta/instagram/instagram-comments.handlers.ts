import { unsupportedRequest } from '../graph/graph.errors';
import { renderFields } from '../graph/graph-fields.util';
import type { ObjectOf } from '../graph/graph-objects';
import { paginate } from '../graph/graph-paging.util';
import type { GraphCall } from '../graph/graph-route.types';
import { commentMessage, commentsOn, replyParentOf, saveComment } from '../meta-comments.util';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { MetaComment } from '../meta-state.types';
import { IG_COMMENT_DEFAULT_FIELDS, instagramCommentFields } from './instagram-comment.view';

interface Placement {
  /** The node in the path, named by the 100/33 answer. */
  targetId: string;
  accountId: string;
  rootId: string;
  parentId: string;
}

/** POST /{ig-media-id}/comments?message=: a comment on published media, as the account. */
export function createMediaComment(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igMedia'>): unknown {
  const media = object.record;
  return addComment(deps, call, { targetId: media.id, accountId: media.igUserId, rootId: media.id, parentId: media.id });
}

/** POST /{ig-comment-id}/replies?message=: a reply to a comment. */
export function createReply(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igComment'>): unknown {
  const target = object.record;
  return addComment(deps, call, { targetId: target.id, accountId: target.accountId, rootId: target.rootId, parentId: replyParentOf(target) });
}

function addComment(deps: MetaDeps, call: GraphCall, placement: Placement): unknown {
  const state = metaState(deps);
  const account = state.igAccounts[placement.accountId];
  // Under an identity checkpoint Meta hides the account from writes: "object does not exist",
  // as media_publish answers.
  if (account && state.pages[account.pageId]?.identityCheckpoint) throw unsupportedRequest('POST', placement.targetId);
  const comment: MetaComment = {
    id: deps.newId(17),
    network: 'instagram',
    accountId: placement.accountId,
    rootId: placement.rootId,
    parentId: placement.parentId,
    text: commentMessage(call),
    createdAt: call.now.toISOString(),
  };
  saveComment(deps, comment);
  return { id: comment.id };
}

/** GET /{ig-media-id}/comments: the top-level comments, oldest first (replies are in `replies`). */
export function listMediaComments(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igMedia'>): unknown {
  return listed(deps, call, commentsOn(metaState(deps), object.record.id));
}

/** GET /{ig-comment-id}/replies. */
export function listReplies(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igComment'>): unknown {
  return listed(deps, call, commentsOn(metaState(deps), object.record.id));
}

/** GET /{ig-comment-id}. */
export function readInstagramComment(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igComment'>): unknown {
  return renderFields(call.fields, instagramCommentFields(metaState(deps), object.record), IG_COMMENT_DEFAULT_FIELDS, 'IGComment');
}

function listed(deps: MetaDeps, call: GraphCall, comments: MetaComment[]): unknown {
  const state = metaState(deps);
  const { page, paging } = paginate(comments, call.params, call.url);
  return {
    data: page.map((c) => renderFields(call.fields, instagramCommentFields(state, c), IG_COMMENT_DEFAULT_FIELDS, 'IGComment')),
    paging,
  };
}
