import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { INBOX_RELEASE_ID, IntegrationRepository, PostEditRepository, type PostRecord, PostRepository } from '@herald/db';
import type { ProviderId } from '@herald/domain';
import type { ProviderAdapter, PublishContext } from '@herald/providers';
import { AppError } from '../../common/app-error';
import { PROVIDER_ADAPTERS } from '../../infrastructure/tokens';
import { parseBody } from './dto/parse-body.util';

export const releaseIdSchema = z.looseObject({ releaseId: z.string({ error: 'is required' }).trim().min(1, 'is required') });

export interface MissingCandidate {
  id: string;
  url: string | null;
  createdAt: string | null;
  text: string | null;
}

/**
 * Posts sent to the creator's inbox (TikTok's UPLOAD method) are published by the creator in the
 * app; Herald records them as Postiz does, with release id 'missing', until the user names the
 * real post: GET /posts/:id/missing lists the account's latest posts, PUT /posts/:id/release-id
 * records the one picked.
 */
@Injectable()
export class PostReleaseService {
  constructor(
    private readonly posts: PostRepository,
    private readonly edits: PostEditRepository,
    private readonly integrations: IntegrationRepository,
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: Record<ProviderId, ProviderAdapter | undefined>,
  ) {}

  async candidates(organizationId: string, postId: string): Promise<MissingCandidate[]> {
    const { post, adapter, ctx } = await this.inboxPost(organizationId, postId);
    if (!adapter.recentPosts) return [];
    return (await adapter.recentPosts(ctx)).filter((c) => c.id !== post.releaseId);
  }

  async setReleaseId(organizationId: string, postId: string, rawBody: unknown): Promise<PostRecord> {
    const { releaseId } = parseBody(releaseIdSchema, rawBody);
    const { adapter, ctx } = await this.inboxPost(organizationId, postId);
    // The link is a courtesy: a network that cannot say leaves it empty.
    const releaseUrl = await adapter.permalink(ctx, releaseId).catch(() => null);
    if (!(await this.edits.setInboxRelease(organizationId, postId, { releaseId, releaseUrl }))) {
      throw new AppError('CONFLICT', `Post ${postId} already has its release id.`);
    }
    return (await this.posts.findForOrganization(organizationId, postId))!;
  }

  private async inboxPost(organizationId: string, postId: string) {
    const post = await this.posts.findForOrganization(organizationId, postId);
    if (!post) throw new AppError('NOT_FOUND', `No post ${postId} in this organization`);
    if (post.releaseId !== INBOX_RELEASE_ID) {
      throw new AppError('CONFLICT', `Post ${postId} was not sent to an inbox: its release id is ${post.releaseId ?? 'not set (not published)'}.`);
    }
    const adapter = this.adapters[post.integration.provider];
    const integration = await this.integrations.findForOrganization(organizationId, post.integrationId);
    const credentials = integration && (await this.integrations.getCredentials(organizationId, integration.id));
    if (!adapter || !integration || !credentials) throw new AppError('CONFLICT', `The channel of post ${postId} is no longer connected.`);
    const ctx: PublishContext = { account: { provider: integration.provider, internalId: integration.internalId }, credentials };
    return { post, adapter, ctx };
  }
}
