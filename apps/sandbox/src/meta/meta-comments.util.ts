import { paramString } from '../http/request-params.util';
import type { CommentItem } from '../network/sandbox-network.types';
import { missingParameter } from './graph/graph.errors';
import type { GraphCall } from './graph/graph-route.types';
import { metaState, type MetaDeps } from './meta-deps.types';
import type { MetaComment, MetaState } from './meta-state.types';

// What Facebook Page comments and Instagram comments share: the required text, storage, threads
// and the admin API's view.

/** The comment's text (both networks call the parameter `message`); blank counts as missing. */
export function commentMessage(call: GraphCall): string {
  const message = paramString(call.params, 'message');
  if (message === undefined || message.trim() === '') throw missingParameter('message');
  return message;
}

/** Comments made directly on `parentId` (a post, a media or a comment), oldest first. */
export function commentsOn(state: MetaState, parentId: string): MetaComment[] {
  return Object.values(state.comments).filter((comment) => comment.parentId === parentId);
}

/**
 * Where a reply to `target` goes. Both networks keep threads one level deep: a reply to a reply
 * joins the top-level comment it answers, as the apps show it.
 */
export function replyParentOf(target: MetaComment): string {
  return target.parentId === target.rootId ? target.id : target.parentId;
}

/** Stores a comment; persisted with the rest of the state. */
export function saveComment(deps: MetaDeps, comment: MetaComment): void {
  metaState(deps).comments[comment.id] = comment;
  deps.store.changed();
}

/** A comment as GET /__sandbox/comments shows it. */
export function commentItem(comment: MetaComment): CommentItem {
  return {
    id: comment.id,
    network: comment.network,
    accountId: comment.accountId,
    parentId: comment.parentId,
    text: comment.text,
    createdAt: comment.createdAt,
  };
}
