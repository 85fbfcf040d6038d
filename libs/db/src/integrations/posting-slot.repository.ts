import type { Db } from '../prisma.client';

/** What fills a channel's posting time slots. */
export class PostingSlotRepository {
  constructor(private readonly db: Db) {}

  /**
   * Publish times of the channel's undeleted posts in (after, before): every state but ERROR (a
   * failed post leaves its slot free). Thread items are comments on a post, not posts of their
   * own in the calendar, so they take no slot.
   */
  async takenTimes(organizationId: string, integrationId: string, range: { after: Date; before: Date }): Promise<Date[]> {
    const rows = await this.db.post.findMany({
      where: {
        organizationId,
        integrationId,
        deletedAt: null,
        parentPostId: null,
        state: { not: 'ERROR' },
        publishAt: { gt: range.after, lt: range.before },
      },
      orderBy: { publishAt: 'asc' },
      select: { publishAt: true },
    });
    return rows.map((r) => r.publishAt);
  }
}
