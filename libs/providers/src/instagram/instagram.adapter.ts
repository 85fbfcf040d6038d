import type { CommitOutcome, ConfirmCheck, PreparedPublish, PrepareCheck, ReconcileResult } from '@herald/domain';
import { arrayField, idField, numberField, objectField, stringField } from '../json-fields.util';
import { type GraphClient, type GraphParams, graphPath } from '../meta/graph-client';
import { readGraphListSince } from '../meta/graph-list.util';
import { createInvisible } from '../meta/invisible-write.util';
import type { ProviderAdapter, ProviderComments, PublishablePost, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { InstagramComments } from './instagram-comments';
import { type ContainerStatus, parseContainerStatus } from './instagram-container-status';
import { findPublishedMedia, MEDIA_LOOKUP_FIELDS } from './instagram-media-lookup';
import { type InstagramPrepared, readInstagramPrepared, toPreparedPublish } from './instagram-prepared';
import { planInstagramPublish } from './instagram-publish-plan';
import {
  containerAlreadyPublished,
  containerErrored,
  containerExpired,
  containerNotCreated,
  containerNotReady,
  publishAnswerWithoutId,
  publishQuotaReached,
} from './instagram.errors';

export type InstagramProviderId = 'instagram' | 'instagram-standalone';

/** Recent media is read back to the commit's start in pages of this size, at most this many. */
const MEDIA_PAGE_SIZE = 50;
const MEDIA_MAX_PAGES = 10;

/**
 * Instagram business accounts through the Content Publishing API. 'instagram' reaches
 * graph.facebook.com with the Page token (Facebook login); 'instagram-standalone' reaches
 * graph.instagram.com with an Instagram-login token. Endpoints and payloads are the same.
 *
 * Carousels: `prepare` creates the children; `check` creates the parent once every child is
 * FINISHED (Instagram refuses a parent over unprocessed children) and returns it in `prepared`;
 * `commit` publishes the parent, answering "not ready" while the parent itself still processes.
 */
export class InstagramAdapter implements ProviderAdapter {
  readonly comments: ProviderComments;

  constructor(
    readonly provider: InstagramProviderId,
    private readonly graph: GraphClient,
  ) {
    this.comments = new InstagramComments(graph);
  }

  async prepare(ctx: PublishContext, post: PublishablePost): Promise<PreparedPublish> {
    const plan = planInstagramPublish(post);
    const ids: string[] = [];
    // One at a time: images are fetched while the request waits, and a carousel is at most 10.
    for (const params of plan.containers) ids.push(await this.createContainer(ctx, params));
    const prepared: InstagramPrepared =
      plan.format === 'carousel'
        ? { format: 'carousel', childIds: ids, caption: plan.parent?.caption, collaborators: plan.parent?.collaborators ?? [] }
        : { format: plan.format, containerId: ids[0], childIds: [], collaborators: [] };
    return toPreparedPublish(this.provider, prepared);
  }

  async check(ctx: PublishContext, prepared: PreparedPublish): Promise<PrepareCheck> {
    const data = readInstagramPrepared(prepared);
    if (data.containerId === undefined) return this.checkCarouselChildren(ctx, data);
    const status = await this.readContainerStatus(ctx, data.containerId);
    switch (status.state) {
      // PUBLISHED: an earlier commit went through; commit will notice and hand over to reconcile.
      case 'FINISHED':
      case 'PUBLISHED':
        return { status: 'ready', prepared: toPreparedPublish(this.provider, data) };
      case 'IN_PROGRESS':
      case undefined:
        return { status: 'pending', detail: status.text ?? 'Instagram is processing the media' };
      case 'ERROR':
        throw new ProviderError(containerErrored(status));
      case 'EXPIRED':
        throw new ProviderError(containerExpired());
    }
  }

  async commit(ctx: PublishContext, _post: PublishablePost, prepared: PreparedPublish): Promise<CommitOutcome> {
    const data = readInstagramPrepared(prepared);
    const containerId = data.containerId;
    if (containerId === undefined) throw new ProviderError(containerNotReady());
    const status = await this.readContainerStatus(ctx, containerId);
    if (status.state === 'PUBLISHED') throw new ProviderError(containerAlreadyPublished());
    throwUnlessFinished(status);
    await this.refuseWhenQuotaReached(ctx);

    const answer = await this.graph.post(
      graphPath(ctx.account.internalId, 'media_publish'),
      ctx.credentials.accessToken,
      { creation_id: containerId },
    );
    const mediaId = idField(answer, 'id');
    if (!mediaId) throw new ProviderError(publishAnswerWithoutId());
    // The post is live from here on: a failed permalink read must not fail the commit.
    const releaseUrl = await this.permalink(ctx, mediaId);
    return { status: 'published', ref: releaseUrl === null ? { releaseId: mediaId } : { releaseId: mediaId, releaseUrl } };
  }

  /** Instagram publishes synchronously: nothing is ever left to confirm. */
  confirm(_ctx: PublishContext, pending: PreparedPublish): Promise<ConfirmCheck> {
    return Promise.reject(new Error(`Instagram never leaves a post to confirm (${pending.provider})`));
  }

  async reconcile(
    ctx: PublishContext,
    post: PublishablePost,
    prepared: PreparedPublish,
    commitStartedAt: Date,
  ): Promise<ReconcileResult> {
    const data = readInstagramPrepared(prepared);
    if (data.containerId === undefined) {
      return { status: 'not-published', detail: 'The carousel was never assembled, so nothing could be published.' };
    }
    const status = await this.readContainerStatus(ctx, data.containerId);
    switch (status.state) {
      case 'PUBLISHED':
        return this.findPublished(ctx, post, data, commitStartedAt);
      case 'FINISHED':
      case 'IN_PROGRESS':
        return { status: 'not-published', detail: 'Instagram still holds the media unpublished.' };
      case 'ERROR':
      case 'EXPIRED':
        return { status: 'not-published', detail: `Instagram reports the media as ${status.state}.` };
      case undefined:
        return { status: 'unknown', detail: `Instagram reports an unexpected media state: ${status.text ?? 'none'}.` };
    }
  }

  async permalink(ctx: PublishContext, releaseId: string): Promise<string | null> {
    try {
      const body = await this.readWithUserTokenFallback(ctx, graphPath(releaseId), { fields: 'permalink' });
      return stringField(body, 'permalink') || null;
    } catch {
      return null;
    }
  }

  private createContainer(ctx: PublishContext, params: GraphParams): Promise<string> {
    return createInvisible(async () => {
      const answer = await this.graph.post(graphPath(ctx.account.internalId, 'media'), ctx.credentials.accessToken, params);
      const id = idField(answer, 'id');
      if (!id) throw new ProviderError(containerNotCreated());
      return id;
    });
  }

  private async checkCarouselChildren(ctx: PublishContext, data: InstagramPrepared): Promise<PrepareCheck> {
    let finished = 0;
    for (const childId of data.childIds) {
      const status = await this.readContainerStatus(ctx, childId);
      if (status.state === 'ERROR') throw new ProviderError(containerErrored(status));
      if (status.state === 'EXPIRED') throw new ProviderError(containerExpired());
      if (status.state === 'FINISHED') finished += 1;
    }
    if (finished < data.childIds.length) {
      return { status: 'pending', detail: `Instagram has processed ${finished} of ${data.childIds.length} items` };
    }
    const parentId = await this.createContainer(ctx, {
      media_type: 'CAROUSEL',
      children: data.childIds.join(','),
      caption: data.caption,
      collaborators: data.collaborators.length > 0 ? data.collaborators : undefined,
    });
    // The parent is processed too before it can be published: keep polling, now the parent.
    return {
      status: 'pending',
      detail: 'Instagram is assembling the carousel',
      prepared: toPreparedPublish(this.provider, { ...data, containerId: parentId }),
    };
  }

  private async refuseWhenQuotaReached(ctx: PublishContext): Promise<void> {
    const body = await this.graph.get(
      graphPath(ctx.account.internalId, 'content_publishing_limit'),
      ctx.credentials.accessToken,
      { fields: 'quota_usage,config' },
    );
    const limit = arrayField(body, 'data')?.[0];
    const usage = numberField(limit, 'quota_usage');
    const total = numberField(objectField(limit, 'config'), 'quota_total');
    // An answer without numbers proves nothing: media_publish enforces the quota itself (9/2207042).
    if (usage !== undefined && total !== undefined && usage >= total) {
      throw new ProviderError(publishQuotaReached(total));
    }
  }

  private async findPublished(
    ctx: PublishContext,
    post: PublishablePost,
    data: InstagramPrepared,
    commitStartedAt: Date,
  ): Promise<ReconcileResult> {
    const isStory = data.format === 'story';
    const { entries } = await readGraphListSince(
      (after) =>
        this.graph.get(graphPath(ctx.account.internalId, isStory ? 'stories' : 'media'), ctx.credentials.accessToken, {
          fields: MEDIA_LOOKUP_FIELDS,
          limit: MEDIA_PAGE_SIZE,
          after,
        }),
      (entry) => stringField(entry, 'timestamp'),
      commitStartedAt,
      MEDIA_MAX_PAGES,
    );
    // The container says PUBLISHED, so not finding the media is "unknown" whether or not the
    // scan reached back to the commit: it is never a reason to publish again.
    const ref = findPublishedMedia({ data: entries }, { caption: isStory ? undefined : post.content, commitStartedAt });
    if (ref) return { status: 'published', ref };
    return {
      status: 'unknown',
      detail: 'Instagram marks the media as published, but Herald could not find the post among the account\'s recent media.',
    };
  }

  private async readContainerStatus(ctx: PublishContext, containerId: string): Promise<ContainerStatus> {
    const body = await this.readWithUserTokenFallback(ctx, graphPath(containerId), { fields: 'status_code,status' });
    return parseContainerStatus(body);
  }

  /**
   * Meta has answered 100/33 to Page-token reads of containers and media that the user token
   * could read (spec 1.4): with Facebook login, such a read is tried once more with the user token.
   */
  private async readWithUserTokenFallback(ctx: PublishContext, path: string, params: GraphParams): Promise<unknown> {
    try {
      return await this.graph.get(path, ctx.credentials.accessToken, params);
    } catch (error) {
      const userToken = ctx.credentials.userAccessToken;
      if (this.provider !== 'instagram' || !userToken || !isObjectMissing(error)) throw error;
      return this.graph.get(path, userToken, params);
    }
  }
}

function throwUnlessFinished(status: ContainerStatus): void {
  switch (status.state) {
    case 'FINISHED':
      return;
    case 'ERROR':
      throw new ProviderError(containerErrored(status));
    case 'EXPIRED':
      throw new ProviderError(containerExpired());
    case 'IN_PROGRESS':
    case 'PUBLISHED':
    case undefined:
      throw new ProviderError(containerNotReady());
  }
}

function isObjectMissing(error: unknown): boolean {
  return error instanceof ProviderError && error.failure.network?.code === 100 && error.failure.network.subcode === 33;
}
