import { idField, objectField, stringField } from '../json-fields.util';
import { pickOwnComment, type ListedComment } from '../meta/comment-match.util';
import { asCommentFailure, assertCommentText, commentAnswerWithoutId, commentLookupIncomplete } from '../meta/comment.errors';
import { type GraphClient, graphPath } from '../meta/graph-client';
import { readGraphListSince } from '../meta/graph-list.util';
import type { CommentTarget, ProviderComments, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';

const LOOKUP_FIELDS = 'id,message,created_time,from';
const PAGE_SIZE = 50;
const MAX_PAGES = 10;

/**
 * Comments on a Page post, written as the Page (with the Page token). Thread items are top-level
 * comments on the post, never replies to each other, so they read in order under the post.
 */
export class FacebookComments implements ProviderComments {
  constructor(private readonly graph: GraphClient) {}

  async post(ctx: PublishContext, target: CommentTarget, text: string): Promise<{ commentId: string; url?: string }> {
    assertCommentText(text);
    let answer: unknown;
    try {
      // Graph honours `fields` on the POST, which saves a read for the comment's link.
      answer = await this.graph.post(
        graphPath(target.rootReleaseId, 'comments'),
        ctx.credentials.accessToken,
        { message: text },
        { fields: 'id,permalink_url' },
      );
    } catch (error) {
      throw asCommentFailure(error);
    }
    const commentId = idField(answer, 'id');
    if (!commentId) throw new ProviderError(commentAnswerWithoutId('Facebook'));
    const url = stringField(answer, 'permalink_url');
    return url ? { commentId, url } : { commentId };
  }

  async find(ctx: PublishContext, target: CommentTarget, text: string, since: Date): Promise<{ commentId: string } | null> {
    // Newest first: read back to `since`; the pages after that are older still.
    const { entries, complete } = await readGraphListSince(
      (after) =>
        this.graph.get(graphPath(target.rootReleaseId, 'comments'), ctx.credentials.accessToken, {
          fields: LOOKUP_FIELDS,
          filter: 'toplevel',
          order: 'reverse_chronological',
          limit: PAGE_SIZE,
          after,
        }),
      (entry) => stringField(entry, 'created_time'),
      since,
      MAX_PAGES,
    );
    const listed = entries.map((entry) => toListedComment(entry, ctx.account.internalId)).filter((c) => c !== undefined);
    const own = pickOwnComment(listed, text, since);
    if (own) return { commentId: own.id };
    if (!complete) throw new ProviderError(commentLookupIncomplete());
    return null;
  }
}

function toListedComment(entry: unknown, pageId: string): ListedComment | undefined {
  const id = idField(entry, 'id');
  if (!id) return undefined;
  return {
    id,
    text: stringField(entry, 'message'),
    createdAt: stringField(entry, 'created_time'),
    // A Page's own comments show the Page as their author.
    byAccount: idField(objectField(entry, 'from'), 'id') === pageId,
  };
}
