import { type MediaRef, type PostAction, type PostState, allowedFrom } from '@herald/domain';
import { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma.client';
import { POST_SELECT, toPostRecord } from './post.mapper';
import { insertThread } from './post-thread.util';
import type { NewThreadItem, PostRecord } from './post.types';

/** Postiz's release id for a post sent to the creator's inbox, whose real post is not known yet. */
export const INBOX_RELEASE_ID = 'missing';

/** What a user may change on a post; absent fields stay as they are. */
export interface PostChanges {
  publishAt?: Date;
  timeZone?: string | null;
  content?: string;
  media?: MediaRef[];
  settings?: Record<string, unknown>;
  /** Replaces the thread items. */
  thread?: NewThreadItem[];
  /** The state the action leads to (schedule, unschedule, republish). */
  state?: Extract<PostState, 'DRAFT' | 'QUEUE'>;
}

export type PostEditResult =
  | { ok: true; post: PostRecord }
  /** The post's state did not allow the action (read after the conditional update found nothing). */
  | { ok: false; state: PostState }
  | { ok: false; state: 'missing' };

/** What a publication left behind: cleared when a post goes back to the queue to be published (again). */
const PUBLICATION_RESET = {
  errorCode: null,
  errorMessage: null,
  publishRunId: null,
  commitStartedAt: null,
  preparedState: Prisma.DbNull,
} as const;

/**
 * A user's changes to a root post (and its thread). Each change is one conditional UPDATE whose
 * WHERE clause holds the states the action is allowed from (libs/domain post-lifecycle), so a
 * change racing the worker's claim either lands before it or is refused: never both.
 */
export class PostEditRepository {
  constructor(private readonly db: Db) {}

  async apply(organizationId: string, postId: string, action: PostAction, changes: PostChanges): Promise<PostEditResult> {
    return this.db.$transaction(async (tx) => {
      const where = { id: postId, organizationId, deletedAt: null, parentPostId: null };
      const { count } = await tx.post.updateMany({
        where: { ...where, state: { in: [...allowedFrom(action)] } },
        data: rootData(action, changes),
      });
      if (count === 0) {
        const current = await tx.post.findFirst({ where, select: { state: true } });
        return { ok: false, state: current ? current.state : 'missing' };
      }
      const root = await tx.post.findUniqueOrThrow({ where: { id: postId }, select: POST_SELECT });
      await syncThread(tx, organizationId, root, action, changes);
      return { ok: true, post: toPostRecord(await tx.post.findUniqueOrThrow({ where: { id: postId }, select: POST_SELECT })) };
    });
  }

  /**
   * Records the real post of one sent to the creator's inbox (release id 'missing'), once: a
   * post whose release id is known already is left alone. False when nothing matched.
   */
  async setInboxRelease(organizationId: string, postId: string, ref: { releaseId: string; releaseUrl: string | null }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, organizationId, deletedAt: null, state: 'PUBLISHED', releaseId: INBOX_RELEASE_ID },
      data: { releaseId: ref.releaseId, releaseUrl: ref.releaseUrl },
    });
    return count === 1;
  }

  /** The root posts of a group, one per channel. */
  async listGroup(organizationId: string, group: string): Promise<PostRecord[]> {
    const rows = await this.db.post.findMany({
      where: { organizationId, group, deletedAt: null, parentPostId: null },
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
      select: POST_SELECT,
    });
    return rows.map(toPostRecord);
  }
}

function rootData(action: PostAction, changes: PostChanges): Prisma.PostUpdateManyMutationInput {
  return {
    ...(changes.publishAt && { publishAt: changes.publishAt }),
    ...(changes.timeZone !== undefined && { timeZone: changes.timeZone }),
    ...(changes.content !== undefined && { content: changes.content }),
    ...(changes.media && { media: changes.media as unknown as Prisma.InputJsonValue }),
    ...(changes.settings && { settings: changes.settings as Prisma.InputJsonValue }),
    ...(changes.state && { state: changes.state }),
    ...((action === 'schedule' || action === 'republish' || action === 'unschedule') && PUBLICATION_RESET),
    ...(action === 'republish' && { releaseId: null, releaseUrl: null, publishedAt: null }),
  };
}

/** Thread items follow their root: replaced when given, else moved and re-stated with it. */
async function syncThread(
  tx: Prisma.TransactionClient,
  organizationId: string,
  root: { id: string; integrationId: string; group: string; state: PostState; publishAt: Date; timeZone: string | null; creationMethod: string },
  action: PostAction,
  changes: PostChanges,
): Promise<void> {
  if (root.state !== 'DRAFT' && root.state !== 'QUEUE') return;
  const state = root.state;
  if (changes.thread) {
    await tx.post.updateMany({ where: { organizationId, parentPostId: root.id, deletedAt: null }, data: { deletedAt: new Date() } });
    await insertThread(tx, organizationId, { ...root, state }, changes.thread);
    return;
  }
  if (!changes.publishAt && !changes.state) return;
  const items = await tx.post.findMany({
    where: { organizationId, parentPostId: root.id, deletedAt: null },
    orderBy: { threadPosition: 'asc' },
    select: { id: true, delayMinutes: true },
  });
  let at = root.publishAt.getTime();
  for (const item of items) {
    at += item.delayMinutes * 60_000;
    await tx.post.update({
      where: { id: item.id },
      data: {
        publishAt: new Date(at),
        state,
        ...((action === 'schedule' || action === 'republish' || action === 'unschedule') && PUBLICATION_RESET),
        ...(action === 'republish' && { releaseId: null, releaseUrl: null, publishedAt: null }),
      },
    });
  }
}
