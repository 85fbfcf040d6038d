import { Inject, Injectable } from '@nestjs/common';
import { IntegrationDeletionRepository } from '@herald/db';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { PublishScheduler } from '../posts/publish-scheduler.service';
import { channelNotFound } from './channel-not-found.util';

export interface ChannelDeletionView {
  deleted: true;
  /** How many posts were deleted with the channel (Postiz's public API is silent on the answer). */
  posts: number;
  deletedPostIds: string[];
  /** Posts being published at that moment: they finish, and stay. */
  publishing: string[];
  warning?: string;
}

@Injectable()
export class IntegrationDeletionService {
  constructor(
    private readonly deletions: IntegrationDeletionRepository,
    private readonly scheduler: PublishScheduler,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /**
   * DELETE /integrations/:id: the channel and its posts that have not gone out (drafts,
   * scheduled, failed), whose pending publishes are cancelled. Published posts stay on record.
   * Unlike Postiz, which deletes each post's whole group, other channels' posts are kept.
   */
  async delete(organizationId: string, integrationId: string): Promise<ChannelDeletionView> {
    const result = await this.deletions.softDelete(organizationId, integrationId, this.now());
    if (!result) throw channelNotFound(integrationId);
    // Best effort: the workflow reads Postgres before publishing and skips a deleted post.
    await Promise.all(result.deletedPostIds.map((postId) => this.scheduler.cancel(organizationId, postId)));
    const view: ChannelDeletionView = {
      deleted: true,
      posts: result.deletedPostIds.length,
      deletedPostIds: result.deletedPostIds,
      publishing: result.publishingPostIds,
    };
    if (result.publishingPostIds.length > 0) {
      const ids = result.publishingPostIds.join(', ');
      view.warning = `Post(s) ${ids} were being published when the channel was deleted: they finish on the network and stay in Herald (their comments not sent yet were deleted).`;
    }
    return view;
  }
}
