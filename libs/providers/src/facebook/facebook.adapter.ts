import type { CommitOutcome, ConfirmCheck, PreparedPublish, PrepareCheck, PublishedRef, ReconcileResult } from '@herald/domain';
import { idField, stringField } from '../json-fields.util';
import { type GraphClient, graphPath } from '../meta/graph-client';
import { readGraphListSince } from '../meta/graph-list.util';
import { createInvisible } from '../meta/invisible-write.util';
import type { ProviderAdapter, ProviderComments, PublishablePost, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { FacebookComments } from './facebook-comments';
import { FEED_LOOKUP_FIELDS, findFeedPost } from './facebook-feed-match';
import { type FacebookPrepared, linkOf, planFacebookPost, readFacebookPrepared } from './facebook-post-plan';
import { photoNotCreated, publishAnswerWithoutId, videoNotAllowedHere } from './facebook.errors';

const FACEBOOK_WEB = 'https://www.facebook.com';
/** The feed is read back to the commit's start in pages of this size (Graph's largest), at most this many. */
const FEED_PAGE_SIZE = 100;
const FEED_MAX_PAGES = 10;

/**
 * Facebook Pages, with the Page access token. Photos are uploaded unpublished in `prepare`
 * (invisible until attached) and attached to one feed post in `commit`; text and link posts have
 * nothing to prepare; a single video is published in `commit` from its URL.
 */
export class FacebookAdapter implements ProviderAdapter {
  readonly provider = 'facebook' as const;
  readonly comments: ProviderComments;

  constructor(private readonly graph: GraphClient) {
    this.comments = new FacebookComments(graph);
  }

  async prepare(ctx: PublishContext, post: PublishablePost): Promise<PreparedPublish> {
    const plan = planFacebookPost(post);
    const photoIds: string[] = [];
    for (const url of plan.photoUrls) photoIds.push(await this.uploadUnpublishedPhoto(ctx, url));
    const prepared: FacebookPrepared = { format: plan.format, photoIds };
    return { provider: this.provider, data: { ...prepared } };
  }

  check(_ctx: PublishContext, prepared: PreparedPublish): Promise<PrepareCheck> {
    // Photos are processed when uploaded; videos are published (and processed) in commit.
    readFacebookPrepared(prepared);
    return Promise.resolve({ status: 'ready', prepared });
  }

  async commit(ctx: PublishContext, post: PublishablePost, prepared: PreparedPublish): Promise<CommitOutcome> {
    const data = readFacebookPrepared(prepared);
    if (data.format === 'video') return { status: 'published', ref: await this.publishVideo(ctx, post) };
    const answer = await this.graph.post(
      graphPath(ctx.account.internalId, 'feed'),
      ctx.credentials.accessToken,
      {
        message: post.content.trim() === '' ? undefined : post.content,
        link: linkOf(post.settings),
        attached_media: data.photoIds.length > 0 ? data.photoIds.map((id) => ({ media_fbid: id })) : undefined,
        published: true,
      },
      // Meta honours `fields` on the POST, which saves a read for the permalink.
      { fields: 'id,permalink_url' },
    );
    const postId = idField(answer, 'id');
    if (!postId) throw new ProviderError(publishAnswerWithoutId());
    const releaseUrl = absoluteUrl(stringField(answer, 'permalink_url')) ?? (await this.permalink(ctx, postId));
    return { status: 'published', ref: releaseUrl ? { releaseId: postId, releaseUrl } : { releaseId: postId } };
  }

  /** Page posts are live when the API answers: nothing is ever left to confirm. */
  confirm(_ctx: PublishContext, pending: PreparedPublish): Promise<ConfirmCheck> {
    return Promise.reject(new Error(`Facebook never leaves a post to confirm (${pending.provider})`));
  }

  async reconcile(
    ctx: PublishContext,
    post: PublishablePost,
    prepared: PreparedPublish,
    commitStartedAt: Date,
  ): Promise<ReconcileResult> {
    const data = readFacebookPrepared(prepared);
    const { entries, complete } = await readGraphListSince(
      (after) =>
        this.graph.get(graphPath(ctx.account.internalId, 'feed'), ctx.credentials.accessToken, {
          fields: FEED_LOOKUP_FIELDS,
          limit: FEED_PAGE_SIZE,
          after,
        }),
      (entry) => stringField(entry, 'created_time'),
      commitStartedAt,
      FEED_MAX_PAGES,
    );
    const ref = findFeedPost({ data: entries }, { message: post.content, photoIds: data.photoIds, commitStartedAt });
    if (ref) return { status: 'published', ref: { ...ref, releaseUrl: absoluteUrl(ref.releaseUrl) } };
    // Not found in part of the feed proves nothing: publishing again could post it twice.
    if (!complete) {
      return { status: 'unknown', detail: `The Page published more than ${FEED_PAGE_SIZE * FEED_MAX_PAGES} posts since the attempt; Herald could not read back that far.` };
    }
    return { status: 'not-published', detail: 'No post on the Page\'s feed matches this one since the publish attempt.' };
  }

  async permalink(ctx: PublishContext, releaseId: string): Promise<string | null> {
    try {
      const body = await this.graph.get(graphPath(releaseId), ctx.credentials.accessToken, { fields: 'permalink_url' });
      return absoluteUrl(stringField(body, 'permalink_url')) ?? null;
    } catch {
      return null;
    }
  }

  private uploadUnpublishedPhoto(ctx: PublishContext, url: string): Promise<string> {
    return createInvisible(async () => {
      const answer = await this.graph.post(graphPath(ctx.account.internalId, 'photos'), ctx.credentials.accessToken, {
        url,
        published: false,
      });
      const id = idField(answer, 'id');
      if (!id) throw new ProviderError(photoNotCreated());
      return id;
    });
  }

  private async publishVideo(ctx: PublishContext, post: PublishablePost): Promise<PublishedRef> {
    const video = planFacebookPost(post);
    if (!video.videoUrl) throw new ProviderError(videoNotAllowedHere());
    const answer = await this.graph.post(
      graphPath(ctx.account.internalId, 'videos'),
      ctx.credentials.accessToken,
      { file_url: video.videoUrl, description: post.content.trim() === '' ? undefined : post.content, published: true },
      { fields: 'id,permalink_url' },
    );
    const videoId = idField(answer, 'id');
    if (!videoId) throw new ProviderError(publishAnswerWithoutId());
    const releaseUrl = absoluteUrl(stringField(answer, 'permalink_url')) ?? `${FACEBOOK_WEB}/reel/${encodeURIComponent(videoId)}`;
    return { releaseId: videoId, releaseUrl };
  }
}

/** Video permalinks come back relative ("/page/videos/123/"). */
function absoluteUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('/') ? `${FACEBOOK_WEB}${url}` : url;
}
