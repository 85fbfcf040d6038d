import type { ErrorCode } from '@herald/domain';
import type { Db } from '../prisma.client';

const PENDING = { in: ['QUEUE', 'PUBLISHING'] as Array<'QUEUE' | 'PUBLISHING'> };

export type ThreadItemClaim =
  | { kind: 'started'; commitStartedAt: Date; resumed: boolean }
  | { kind: 'skip'; reason: string };

/**
 * Thread items: Post rows that point to their root and go out as comments once it is
 * published, in order, by the root's workflow. Each item is claimed (QUEUE to PUBLISHING, with
 * the time its comment was sent) before its comment, so a run that takes over knows to ask the
 * network first instead of commenting twice.
 */
export class PostThreadRepository {
  constructor(private readonly db: Db) {}

  async pending(organizationId: string, rootId: string): Promise<Array<{ postId: string; delayMinutes: number }>> {
    const rows = await this.db.post.findMany({
      where: { organizationId, parentPostId: rootId, deletedAt: null, state: PENDING },
      orderBy: { threadPosition: 'asc' },
      select: { id: true, delayMinutes: true },
    });
    return rows.map((r) => ({ postId: r.id, delayMinutes: r.delayMinutes }));
  }

  async start(organizationId: string, itemId: string, runId: string, now: Date): Promise<ThreadItemClaim> {
    const where = { id: itemId, organizationId, deletedAt: null, parentPostId: { not: null } };
    const { count } = await this.db.post.updateMany({
      where: { ...where, state: 'QUEUE' },
      data: { state: 'PUBLISHING', publishRunId: runId, commitStartedAt: now },
    });
    if (count === 1) return { kind: 'started', commitStartedAt: now, resumed: false };
    const row = await this.db.post.findFirst({ where, select: { state: true, commitStartedAt: true } });
    if (!row) return { kind: 'skip', reason: 'the comment was deleted' };
    if (row.state !== 'PUBLISHING') return { kind: 'skip', reason: `the comment is ${row.state}` };
    await this.db.post.updateMany({ where: { ...where, state: 'PUBLISHING' }, data: { publishRunId: runId } });
    // Started by this run before (an activity retry) or by a lost one: the comment may be out.
    return { kind: 'started', commitStartedAt: row.commitStartedAt ?? now, resumed: true };
  }

  /** The root will not be published (or a comment before them failed): its waiting items fail too. */
  async failPending(organizationId: string, rootId: string, failure: { code: ErrorCode; message: string }): Promise<number> {
    const { count } = await this.db.post.updateMany({
      where: { organizationId, parentPostId: rootId, deletedAt: null, state: PENDING },
      data: { state: 'ERROR', errorCode: failure.code, errorMessage: failure.message },
    });
    return count;
  }

  async hasPending(organizationId: string, rootId: string): Promise<boolean> {
    return (await this.db.post.count({ where: { organizationId, parentPostId: rootId, deletedAt: null, state: PENDING } })) > 0;
  }
}
