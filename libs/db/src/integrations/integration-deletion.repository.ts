import { allowedFrom } from '@herald/domain';
import type { Db } from '../prisma.client';

export interface ChannelDeletion {
  /** Posts (not comments) deleted with the channel: drafts, scheduled and failed ones. */
  deletedPostIds: string[];
  /** Comments not sent yet, deleted with the channel (of deleted posts or of posts still publishing). */
  deletedCommentCount: number;
  /** Posts being published at that moment: they finish, and are kept. */
  publishingPostIds: string[];
}

/** Deleting a channel, with its posts that have not gone out. */
export class IntegrationDeletionRepository {
  constructor(private readonly db: Db) {}

  /**
   * Soft-deletes the channel and, in the same transaction, its posts that may be deleted
   * (libs/domain post-lifecycle: not PUBLISHING, not PUBLISHED). The posts' UPDATE carries the
   * states in its WHERE clause, as the worker's claim does: when both touch a post at once,
   * Postgres lets one win, so a post is either deleted or being published, never both.
   * Null when the organization has no such channel.
   */
  async softDelete(organizationId: string, integrationId: string, now: Date): Promise<ChannelDeletion | null> {
    return this.db.$transaction(async (tx) => {
      const channel = await tx.integration.updateMany({
        where: { id: integrationId, organizationId, deletedAt: null },
        data: { deletedAt: now },
      });
      if (channel.count === 0) return null;
      const deleted = await tx.post.updateManyAndReturn({
        where: { organizationId, integrationId, deletedAt: null, state: { in: [...allowedFrom('delete')] } },
        data: { deletedAt: now },
        select: { id: true, parentPostId: true },
      });
      const publishing = await tx.post.findMany({
        where: { organizationId, integrationId, deletedAt: null, parentPostId: null, state: 'PUBLISHING' },
        orderBy: { publishAt: 'asc' },
        select: { id: true },
      });
      return {
        deletedPostIds: deleted.filter((p) => p.parentPostId === null).map((p) => p.id),
        deletedCommentCount: deleted.filter((p) => p.parentPostId !== null).length,
        publishingPostIds: publishing.map((p) => p.id),
      };
    });
  }
}
