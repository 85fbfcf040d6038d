import { type ErrorCode, isProviderId, type PublishedRef } from '@herald/domain';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma.client';
import { POST_SELECT, asMedia, asSettings, toPostRecord } from './post.mapper';
import type { ClaimOutcome, GroupDeletion, NewPost, PostForPublish, PostRecord } from './post.types';

/** A timer may fire a moment before the database clock agrees the post is due. */
const CLAIM_TOLERANCE_MS = 2_000;

/** Posts. Every method takes the organization first; deleted posts are invisible to reads. */
export class PostRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the posts of one request together: all of them or none. */
  async createMany(organizationId: string, posts: readonly NewPost[]): Promise<PostRecord[]> {
    return this.db.$transaction(async (tx) => {
      const created: PostRecord[] = [];
      for (const post of posts) {
        const row = await tx.post.create({
          data: {
            organizationId,
            integrationId: post.integrationId,
            group: post.group,
            state: post.state,
            publishAt: post.publishAt,
            timeZone: post.timeZone ?? null,
            content: post.content,
            media: post.media as unknown as Prisma.InputJsonValue,
            settings: post.settings as Prisma.InputJsonValue,
            creationMethod: post.creationMethod,
          },
          select: POST_SELECT,
        });
        created.push(toPostRecord(row));
      }
      return created;
    });
  }

  async setWorkflowIds(organizationId: string, ids: Array<{ postId: string; workflowId: string }>): Promise<void> {
    await this.db.$transaction(
      ids.map(({ postId, workflowId }) =>
        this.db.post.updateMany({ where: { id: postId, organizationId }, data: { workflowId } }),
      ),
    );
  }

  /** Removes rows outright; only for undoing a create whose workflows could not be started. */
  async hardDeleteMany(organizationId: string, ids: readonly string[]): Promise<void> {
    await this.db.post.deleteMany({ where: { organizationId, id: { in: [...ids] } } });
  }

  async findForOrganization(organizationId: string, id: string): Promise<PostRecord | null> {
    const row = await this.db.post.findFirst({ where: { id, organizationId, deletedAt: null }, select: POST_SELECT });
    return row ? toPostRecord(row) : null;
  }

  /** Top-level posts whose publish time falls in [from, to], earliest first. */
  async listForOrganization(organizationId: string, range: { from: Date; to: Date }): Promise<PostRecord[]> {
    const rows = await this.db.post.findMany({
      where: { organizationId, deletedAt: null, parentPostId: null, publishAt: { gte: range.from, lte: range.to } },
      orderBy: [{ publishAt: 'asc' }, { createdAt: 'asc' }],
      select: POST_SELECT,
    });
    return rows.map(toPostRecord);
  }

  /**
   * Soft-deletes every post of a group except those being published, in one statement per
   * step so that a publish claim and a delete can never both win.
   */
  async softDeleteGroup(organizationId: string, group: string, now: Date): Promise<GroupDeletion> {
    return this.db.$transaction(async (tx) => {
      const members = await tx.post.findMany({
        where: { organizationId, group, deletedAt: null },
        select: { id: true },
      });
      const ids = members.map((m) => m.id);
      await tx.post.updateMany({
        where: { organizationId, id: { in: ids }, deletedAt: null, state: { not: 'PUBLISHING' } },
        data: { deletedAt: now },
      });
      const after = await tx.post.findMany({ where: { id: { in: ids } }, select: { id: true, deletedAt: true } });
      return {
        deletedIds: after.filter((p) => p.deletedAt !== null).map((p) => p.id),
        publishingIds: after.filter((p) => p.deletedAt === null).map((p) => p.id),
      };
    });
  }

  /**
   * Moves a due post from QUEUE to PUBLISHING for one workflow run, atomically. The same run
   * claiming again (an activity retry) succeeds again; anything else is explained.
   */
  async claimForPublishing(organizationId: string, postId: string, runId: string, now: Date): Promise<ClaimOutcome> {
    const dueBy = new Date(now.getTime() + CLAIM_TOLERANCE_MS);
    const { count } = await this.db.post.updateMany({
      where: { id: postId, organizationId, deletedAt: null, state: 'QUEUE', publishAt: { lte: dueBy } },
      data: { state: 'PUBLISHING', publishRunId: runId, errorCode: null, errorMessage: null },
    });
    const row = await this.db.post.findFirst({
      where: { id: postId, organizationId },
      select: {
        state: true,
        deletedAt: true,
        publishAt: true,
        publishRunId: true,
        integrationId: true,
        integration: { select: { provider: true } },
      },
    });
    if (!row) return { kind: 'skip', reason: 'the post does not exist' };
    const provider = row.integration.provider;
    if (!isProviderId(provider)) return { kind: 'skip', reason: `unknown provider ${provider}` };
    if (row.state === 'PUBLISHING' && row.publishRunId === runId) {
      return { kind: 'claimed', provider, integrationId: row.integrationId };
    }
    if (count === 1) throw new Error(`Post ${postId} was claimed but reads back as ${row.state}`);
    if (row.deletedAt) return { kind: 'skip', reason: 'the post was deleted' };
    if (row.state === 'QUEUE') return { kind: 'not-yet', publishAt: row.publishAt };
    return { kind: 'skip', reason: `the post is ${row.state}, not QUEUE` };
  }

  async getForPublish(organizationId: string, postId: string): Promise<PostForPublish | null> {
    const row = await this.db.post.findFirst({
      where: { id: postId, organizationId },
      select: {
        id: true,
        organizationId: true,
        state: true,
        deletedAt: true,
        content: true,
        media: true,
        settings: true,
        integration: {
          select: { id: true, provider: true, internalId: true, disabled: true, refreshNeeded: true, deletedAt: true },
        },
      },
    });
    if (!row) return null;
    const { integration } = row;
    if (!isProviderId(integration.provider)) throw new Error(`Post ${postId}: unknown provider ${integration.provider}`);
    return {
      id: row.id,
      organizationId: row.organizationId,
      state: row.state,
      deleted: row.deletedAt !== null,
      content: row.content,
      media: asMedia(row.media),
      settings: asSettings(row.settings),
      integration: {
        id: integration.id,
        provider: integration.provider,
        internalId: integration.internalId,
        disabled: integration.disabled,
        refreshNeeded: integration.refreshNeeded,
        deleted: integration.deletedAt !== null,
      },
    };
  }

  /** Records the network's post. Idempotent: a retry after success changes nothing. */
  async markPublished(organizationId: string, postId: string, ref: PublishedRef, now: Date): Promise<void> {
    await this.db.post.updateMany({
      where: { id: postId, organizationId, state: 'PUBLISHING' },
      data: {
        state: 'PUBLISHED',
        releaseId: ref.releaseId,
        releaseUrl: ref.releaseUrl ?? null,
        publishedAt: now,
        errorCode: null,
        errorMessage: null,
      },
    });
  }

  /** Records why publishing failed. Idempotent. */
  async markFailed(organizationId: string, postId: string, error: { code: ErrorCode; message: string }): Promise<void> {
    await this.db.post.updateMany({
      where: { id: postId, organizationId, state: 'PUBLISHING' },
      data: { state: 'ERROR', errorCode: error.code, errorMessage: error.message },
    });
  }
}
