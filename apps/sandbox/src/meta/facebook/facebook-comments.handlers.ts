import { paramString, type Params } from '../../http/request-params.util';
import { invalidParameter } from '../graph/graph.errors';
import { assertFields, renderFields } from '../graph/graph-fields.util';
import type { ObjectOf } from '../graph/graph-objects';
import { paginate } from '../graph/graph-paging.util';
import type { GraphCall } from '../graph/graph-route.types';
import { commentMessage, commentsOn, replyParentOf, saveComment } from '../meta-comments.util';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { MetaComment } from '../meta-state.types';
import { COMMENT_DEFAULT_FIELDS, commentFields } from './facebook-comment.view';
import { assertPagePublishable } from './facebook-post.util';

interface Placement {
  pageId: string;
  rootId: string;
  parentId: string;
}

/** POST /{post-id}/comments: a top-level comment on a Page post, made as the Page. */
export function createPostComment(deps: MetaDeps, call: GraphCall, object: ObjectOf<'post'>): unknown {
  const post = object.record;
  return addComment(deps, call, { pageId: post.pageId, rootId: post.id, parentId: post.id });
}

/** POST /{comment-id}/comments: a reply to a comment. */
export function createCommentReply(deps: MetaDeps, call: GraphCall, object: ObjectOf<'comment'>): unknown {
  const target = object.record;
  return addComment(deps, call, { pageId: target.accountId, rootId: target.rootId, parentId: replyParentOf(target) });
}

function addComment(deps: MetaDeps, call: GraphCall, placement: Placement): unknown {
  const state = metaState(deps);
  const page = state.pages[placement.pageId];
  // Commenting is posting as the Page: the identity checkpoint refuses it as it refuses /feed.
  if (page) assertPagePublishable(page);
  const text = commentMessage(call);
  const postPart = placement.rootId.slice(placement.rootId.indexOf('_') + 1);
  const comment: MetaComment = {
    // Facebook names comments `<postId>_<commentId>`, replies included.
    id: `${postPart}_${deps.newId(17)}`,
    network: 'facebook',
    accountId: placement.pageId,
    rootId: placement.rootId,
    parentId: placement.parentId,
    text,
    createdAt: call.now.toISOString(),
  };
  // Like the feed, this POST honours `fields` (permalink_url); they are checked before writing.
  assertFields(call.fields, commentFields(state, comment), 'Comment');
  saveComment(deps, comment);
  return renderFields(call.fields, commentFields(state, comment), ['id'], 'Comment');
}

/** GET /{post-id}/comments: `filter` toplevel (default) or stream (replies too), `order` as Graph's. */
export function listPostComments(deps: MetaDeps, call: GraphCall, object: ObjectOf<'post'>): unknown {
  const state = metaState(deps);
  const filter = paramString(call.params, 'filter') ?? 'toplevel';
  if (filter !== 'toplevel' && filter !== 'stream') throw invalidParameter('param filter must be one of {toplevel, stream}');
  const postId = object.record.id;
  const comments = filter === 'stream' ? Object.values(state.comments).filter((c) => c.rootId === postId) : commentsOn(state, postId);
  return listed(deps, call, comments);
}

/** GET /{comment-id}/comments: the replies. */
export function listCommentReplies(deps: MetaDeps, call: GraphCall, object: ObjectOf<'comment'>): unknown {
  return listed(deps, call, commentsOn(metaState(deps), object.record.id));
}

/** GET /{comment-id}. */
export function readComment(deps: MetaDeps, call: GraphCall, object: ObjectOf<'comment'>): unknown {
  return renderFields(call.fields, commentFields(metaState(deps), object.record), COMMENT_DEFAULT_FIELDS, 'Comment');
}

function listed(deps: MetaDeps, call: GraphCall, comments: MetaComment[]): unknown {
  const state = metaState(deps);
  const { page, paging } = paginate(ordered(comments, call.params), call.params, call.url);
  return { data: page.map((c) => renderFields(call.fields, commentFields(state, c), COMMENT_DEFAULT_FIELDS, 'Comment')), paging };
}

/** Oldest first unless `order=reverse_chronological`, as Graph lists comments. */
function ordered(comments: MetaComment[], params: Params): MetaComment[] {
  const order = paramString(params, 'order') ?? 'chronological';
  if (order === 'chronological') return comments;
  if (order === 'reverse_chronological') return [...comments].reverse();
  throw invalidParameter('param order must be one of {chronological, reverse_chronological}');
}
