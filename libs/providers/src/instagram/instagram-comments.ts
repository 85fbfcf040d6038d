import { idField, stringField } from '../json-fields.util';
import { pickOwnComment, type ListedComment } from '../meta/comment-match.util';
import { asCommentFailure, assertCommentText, commentAnswerWithoutId, commentLookupIncomplete } from '../meta/comment.errors';
import { type GraphClient, graphPath } from '../meta/graph-client';
import { scanGraphList } from '../meta/graph-list.util';
import type { CommentTarget, ProviderComments, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';

const LOOKUP_FIELDS = 'id,text,timestamp,username';
const PAGE_SIZE = 50;
const MAX_PAGES = 10;

/**
 * Comments on an Instagram media, as the business account, on either Graph host (the client
 * decides which). Thread items are top-level comments on the media, in order.
 */
export class InstagramComments implements ProviderComments {
  constructor(private readonly graph: GraphClient) {}

  async post(ctx: PublishContext, target: CommentTarget, text: string): Promise<{ commentId: string }> {
    assertCommentText(text);
    let answer: unknown;
    try {
      answer = await this.graph.post(graphPath(target.rootReleaseId, 'comments'), ctx.credentials.accessToken, { message: text });
    } catch (error) {
      throw asCommentFailure(error);
    }
    const commentId = idField(answer, 'id');
    if (!commentId) throw new ProviderError(commentAnswerWithoutId('Instagram'));
    // An Instagram comment has no link of its own.
    return { commentId };
  }

  async find(ctx: PublishContext, target: CommentTarget, text: string, since: Date): Promise<{ commentId: string } | null> {
    // A comment's documented author field is `username` (`from.id` is an Instagram-scoped id,
    // not the account id), so the account's username is read first.
    const username = await this.accountUsername(ctx);
    const listed: ListedComment[] = [];
    // Instagram promises no order for comments: every page is read, up to the cap.
    const complete = await scanGraphList(
      (after) =>
        this.graph.get(graphPath(target.rootReleaseId, 'comments'), ctx.credentials.accessToken, {
          fields: LOOKUP_FIELDS,
          limit: PAGE_SIZE,
          after,
        }),
      (entries) => {
        listed.push(...entries.map((entry) => toListedComment(entry, username)).filter((c) => c !== undefined));
        return 'continue';
      },
      MAX_PAGES,
    );
    const own = pickOwnComment(listed, text, since);
    if (own) return { commentId: own.id };
    if (!complete) throw new ProviderError(commentLookupIncomplete());
    return null;
  }

  private async accountUsername(ctx: PublishContext): Promise<string | undefined> {
    const body = await this.graph.get(graphPath(ctx.account.internalId), ctx.credentials.accessToken, { fields: 'username' });
    return stringField(body, 'username')?.toLowerCase();
  }
}

function toListedComment(entry: unknown, username: string | undefined): ListedComment | undefined {
  const id = idField(entry, 'id');
  if (!id) return undefined;
  const author = stringField(entry, 'username')?.toLowerCase();
  return {
    id,
    text: stringField(entry, 'text'),
    createdAt: stringField(entry, 'timestamp'),
    byAccount: username !== undefined && author === username,
  };
}
