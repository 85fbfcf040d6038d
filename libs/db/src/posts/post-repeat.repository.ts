import { type RepeatRule, occurrenceAfter } from '@herald/domain';
import { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma.client';
import { POST_SELECT, toPostRecord } from './post.mapper';
import { insertThread } from './post-thread.util';
import type { PostRecord } from './post.types';

/**
 * Repeating posts. Each occurrence is a Post row of its own with its own workflow; the next one
 * is created when the current one has ended (published, failed or missed), from the rule's
 * wall-clock time in its zone, so that the repeat never drifts across daylight-saving changes.
 */
export class PostRepeatRepository {
  constructor(private readonly db: Db) {}

  /**
   * Creates the occurrence after `postId`'s, unless the repeat was stopped, the post deleted or
   * the rule ended. Idempotent: a retry finds the occurrence it created (one per repeat, channel
   * and number). An occurrence whose time passed while Herald was away is skipped, not sent late.
   */
  async scheduleNext(organizationId: string, postId: string, now: Date): Promise<PostRecord | null> {
    const current = await this.db.post.findFirst({
      where: { id: postId, organizationId, parentPostId: null, repeatId: { not: null } },
      select: {
        ...POST_SELECT,
        occurrenceAt: true,
        deletedAt: true,
        repeat: { select: { id: true, rule: true, stoppedAt: true } },
        threadItems: { where: { deletedAt: null }, orderBy: { threadPosition: 'asc' }, select: { content: true, delayMinutes: true } },
      },
    });
    if (!current?.repeat || current.repeat.stoppedAt || current.deletedAt || current.occurrence === null) return null;
    const rule = current.repeat.rule as unknown as RepeatRule;
    const after = Math.max((current.occurrenceAt ?? current.publishAt).getTime(), now.getTime());
    const next = occurrenceAfter(rule, new Date(after));
    if (!next) return null;
    const key = { repeatId: current.repeat.id, integrationId: current.integrationId, occurrence: current.occurrence + 1 };
    try {
      return await this.db.$transaction(async (tx) => {
        const row = await tx.post.create({
          data: {
            organizationId,
            ...key,
            occurrenceAt: next,
            group: current.group,
            state: 'QUEUE',
            publishAt: next,
            timeZone: current.timeZone,
            content: current.content,
            media: current.media as Prisma.InputJsonValue,
            settings: current.settings as Prisma.InputJsonValue,
            creationMethod: current.creationMethod,
          },
          select: { id: true },
        });
        const root = { id: row.id, integrationId: current.integrationId, group: current.group, state: 'QUEUE' as const, publishAt: next, timeZone: current.timeZone, creationMethod: current.creationMethod };
        await insertThread(tx, organizationId, root, current.threadItems.map((t) => ({ content: t.content, media: [], delayMinutes: t.delayMinutes })));
        return toPostRecord(await tx.post.findUniqueOrThrow({ where: { id: row.id }, select: POST_SELECT }));
      });
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      // Created by an earlier attempt of this same call.
      const existing = await this.db.post.findFirst({ where: { organizationId, ...key }, select: POST_SELECT });
      return existing ? toPostRecord(existing) : null;
    }
  }

  /**
   * Stops the repeat a post belongs to: no occurrence is created after it, and the pending ones
   * (waiting in the queue) are deleted. Returns their ids, so that their workflows can be cancelled.
   */
  async stop(organizationId: string, postId: string, now: Date): Promise<{ stopped: boolean; deletedIds: string[] }> {
    return this.db.$transaction(async (tx) => {
      const post = await tx.post.findFirst({ where: { id: postId, organizationId, deletedAt: null }, select: { repeatId: true } });
      if (!post?.repeatId) return { stopped: false, deletedIds: [] };
      await tx.postRepeat.updateMany({ where: { id: post.repeatId, organizationId, stoppedAt: null }, data: { stoppedAt: now } });
      const pending = await tx.post.findMany({
        where: { organizationId, repeatId: post.repeatId, deletedAt: null, state: { in: ['QUEUE', 'DRAFT'] } },
        select: { id: true },
      });
      const ids = pending.map((p) => p.id);
      await tx.post.updateMany({ where: { organizationId, OR: [{ id: { in: ids } }, { parentPostId: { in: ids } }] }, data: { deletedAt: now } });
      return { stopped: true, deletedIds: ids };
    });
  }

  /** A deleted group repeats no more. */
  async stopGroup(organizationId: string, group: string, now: Date): Promise<void> {
    await this.db.postRepeat.updateMany({ where: { organizationId, group, stoppedAt: null }, data: { stoppedAt: now } });
  }
}
