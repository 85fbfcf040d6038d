import { type ErrorCode, PROVIDER_IDS, type RepeatRule, allowedFrom, isProviderId, type PostState, type PublishedRef } from '@herald/domain';
import { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma.client';
import { POST_COLUMNS, POST_SELECT, asMedia, asSettings, postRow, toPostRecord } from './post.mapper';
import { listPostRecords } from './post-list.util';
import { insertThread } from './post-thread.util';
import type {
  ActivePost,
  ClaimOutcome,
  ClaimRequest,
  GroupDeletion,
  ListedPost,
  NewPost,
  PostForPublish,
  PostIntegrationSummary,
  PostListQuery,
  PostRecord,
  PublishTransition,
} from './post.types';

/** A timer may fire a moment before the database clock agrees the post is due. */
const CLAIM_TOLERANCE_MS = 2_000;

/** Posts. Every method takes the organization first; deleted posts are invisible to reads. */
export class PostRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the posts of one request, with their thread items, together: all of them or none.
   * With `repeat`, they are the first occurrences of a repeating group. `channels`: the posts'
   * channels as the caller has just read them (the records carry them); read here otherwise.
   */
  async createMany(
    organizationId: string,
    posts: readonly NewPost[],
    options: { repeat?: RepeatRule; channels?: ReadonlyMap<string, PostIntegrationSummary> } = {},
  ): Promise<PostRecord[]> {
    if (posts.length === 0) return [];
    // Posts without comments or a new repeat are one INSERT: atomic by itself, no transaction.
    if (!options.repeat && posts.every((p) => !p.thread?.length)) return this.insertPlain(organizationId, posts, options.channels);
    return this.db.$transaction(async (tx) => {
      const created: PostRecord[] = [];
      const repeat =
        options.repeat && posts[0]
          ? await tx.postRepeat.create({
              data: { organizationId, group: posts[0].group, rule: options.repeat as unknown as Prisma.InputJsonValue },
              select: { id: true },
            })
          : undefined;
      for (const base of posts) {
        const post: NewPost = repeat ? { ...base, repeat: { repeatId: repeat.id, occurrence: 0, occurrenceAt: base.publishAt } } : base;
        const row = await tx.post.create({ data: postRow(organizationId, post), select: { id: true } });
        await insertThread(tx, organizationId, { ...post, id: row.id }, post.thread ?? []);
        created.push(toPostRecord(await tx.post.findUniqueOrThrow({ where: { id: row.id }, select: POST_SELECT })));
      }
      return created;
    });
  }

  private async insertPlain(organizationId: string, posts: readonly NewPost[], known?: ReadonlyMap<string, PostIntegrationSummary>): Promise<PostRecord[]> {
    // Prisma caches the plan of a create, never of a createManyAndReturn (compiled anew each time,
    // ~1 ms): one post, the usual request, is a create.
    const rows =
      posts.length === 1
        ? [await this.db.post.create({ data: postRow(organizationId, posts[0]!), select: POST_COLUMNS })]
        : await this.db.post.createManyAndReturn({ data: posts.map((p) => postRow(organizationId, p)), select: POST_COLUMNS });
    const wanted = [...new Set(posts.map((p) => p.integrationId))];
    const summaries = known && wanted.every((id) => known.has(id)) ? wanted.map((id) => known.get(id)!) : await this.db.integration.findMany({ where: { id: { in: wanted } }, select: POST_SELECT.integration.select });
    const channels = new Map(summaries.map(({ id, name, provider, picture, profile }) => [id, { id, name, provider, picture, profile }]));
    return rows.map((row, i) => {
      // Postgres returns an INSERT's rows in the order of its VALUES.
      if (row.integrationId !== posts[i]!.integrationId) throw new Error('createManyAndReturn answered the posts out of order');
      return toPostRecord({ ...row, repeat: null, integration: channels.get(row.integrationId)!, threadItems: [] });
    });
  }

  /** One statement, whatever the number of posts. */
  async setWorkflowIds(organizationId: string, ids: Array<{ postId: string; workflowId: string }>): Promise<void> {
    if (ids.length === 0) return;
    await this.db.$executeRaw`
      UPDATE posts AS p SET "workflowId" = v."workflowId", "updatedAt" = ${new Date()}
        FROM unnest(${ids.map((i) => i.postId)}::text[], ${ids.map((i) => i.workflowId)}::text[]) AS v(id, "workflowId")
       WHERE p.id = v.id AND p."organizationId" = ${organizationId}`;
  }

  async findForOrganization(organizationId: string, id: string): Promise<PostRecord | null> {
    const row = await this.db.post.findFirst({ where: { id, organizationId, deletedAt: null }, select: POST_SELECT });
    return row ? toPostRecord(row) : null;
  }

  /**
   * Top-level posts whose publish time falls in [from, to], earliest first (then by id), with
   * optional filters; with `limit`, one page starting after the `after` position.
   */
  async listForOrganization(organizationId: string, query: PostListQuery): Promise<ListedPost[]> {
    return listPostRecords(this.db, organizationId, query);
  }

  /**
   * Soft-deletes every post of a group that may be deleted (libs/domain post-lifecycle: not one
   * being published, nor one already published: it is on the network, and Herald keeps saying
   * so), in one conditional statement, so that a publish claim and a delete never both win.
   */
  async softDeleteGroup(organizationId: string, group: string, now: Date): Promise<GroupDeletion> {
    return this.db.$transaction(async (tx) => {
      const members = await tx.post.findMany({
        where: { organizationId, group, deletedAt: null },
        select: { id: true },
      });
      const ids = members.map((m) => m.id);
      await tx.post.updateMany({
        where: { organizationId, id: { in: ids }, deletedAt: null, state: { in: [...allowedFrom('delete')] } },
        data: { deletedAt: now },
      });
      const after = await tx.post.findMany({
        where: { id: { in: ids }, parentPostId: null },
        select: { id: true, deletedAt: true, state: true },
      });
      const kept = (state: PostState) => after.filter((p) => p.deletedAt === null && p.state === state).map((p) => p.id);
      return {
        deletedIds: after.filter((p) => p.deletedAt !== null).map((p) => p.id),
        publishingIds: kept('PUBLISHING'),
        publishedIds: kept('PUBLISHED'),
      };
    });
  }

  /** Soft-deletes these root posts (and their thread items) where the lifecycle allows it; returns those deleted. */
  async softDeletePosts(organizationId: string, ids: readonly string[], now: Date): Promise<string[]> {
    return this.db.$transaction(async (tx) => {
      const deletable = await tx.post.findMany({
        where: { organizationId, id: { in: [...ids] }, parentPostId: null, deletedAt: null, state: { in: [...allowedFrom('delete')] } },
        select: { id: true },
      });
      const deleted = deletable.map((p) => p.id);
      await tx.post.updateMany({
        where: { organizationId, deletedAt: null, OR: [{ id: { in: deleted } }, { parentPostId: { in: deleted } }] },
        data: { deletedAt: now },
      });
      return deleted;
    });
  }

  /**
   * Moves a due post from QUEUE to PUBLISHING for one claim token (one attempt of a workflow
   * run), atomically. The same token claiming again (an activity retry) succeeds again, with
   * what its earlier attempt recorded as `resume`; anything else is explained. With
   * `expectedPublishAt`, only a post still due at exactly that time (stored to the millisecond,
   * as JavaScript holds it) is claimed: an attempt staged for a time since changed gets `not-yet`
   * with the current one. A post too late under its organization's policy is recorded as
   * missed instead. With `takeOver`, a PUBLISHING post is taken over from another token whose
   * attempt is lost; that token can no longer record a commit attempt.
   */
  async claimForPublishing(
    organizationId: string,
    postId: string,
    claimToken: string,
    now: Date,
    { takeOver = false, expectedPublishAt }: { takeOver?: boolean; expectedPublishAt?: Date } = {},
  ): Promise<ClaimOutcome> {
    const [claimed] = await this.claimDue([{ organizationId, postId, claimToken, expectedPublishAt }], now);
    return claimed ?? this.explainUnclaimed(organizationId, postId, claimToken, now, takeOver);
  }

  /**
   * The claim of many posts at once (posts fall due together: one statement, one commit, for
   * all of them): each request's claim outcome, in order. Those not claimed in the one UPDATE
   * are explained one by one, as claimForPublishing does.
   */
  async claimManyForPublishing(requests: readonly ClaimRequest[], now: Date): Promise<ClaimOutcome[]> {
    const claimed = await this.claimDue(requests, now);
    return Promise.all(
      requests.map((r, i) => claimed[i] ?? this.explainUnclaimed(r.organizationId, r.postId, r.claimToken, now, r.takeOver ?? false)),
    );
  }

  /** Why a post was not claimed (and the claims that still succeed: a takeover, the same token again). */
  private async explainUnclaimed(organizationId: string, postId: string, claimToken: string, now: Date, takeOver: boolean): Promise<ClaimOutcome> {
    const missed = await this.markMissedIfTooLate(organizationId, postId, now);
    if (missed) return missed;
    if (takeOver) {
      const taken = await this.takeOver(organizationId, postId, claimToken);
      if (taken) return taken;
    }
    const row = await this.db.post.findFirst({
      where: { id: postId, organizationId },
      select: {
        state: true,
        deletedAt: true,
        publishAt: true,
        publishRunId: true,
        releaseId: true,
        integrationId: true,
        preparedState: true,
        commitStartedAt: true,
        integration: { select: { provider: true } },
      },
    });
    if (!row) return { kind: 'skip', reason: 'the post does not exist' };
    const provider = row.integration.provider;
    if (!isProviderId(provider)) return { kind: 'skip', reason: `unknown provider ${provider}` };
    if (row.state === 'PUBLISHING' && row.publishRunId === claimToken) {
      return { kind: 'claimed', provider, integrationId: row.integrationId, ...resumeOf(row) };
    }
    if (row.deletedAt) return { kind: 'skip', reason: 'the post was deleted' };
    if (row.state === 'QUEUE') return { kind: 'not-yet', publishAt: row.publishAt };
    if (row.state === 'PUBLISHED' && row.releaseId && (await this.threadPending(organizationId, postId))) {
      return { kind: 'thread', provider, releaseId: row.releaseId };
    }
    return { kind: 'skip', reason: `the post is ${row.state}, not QUEUE` };
  }

  /**
   * QUEUE to PUBLISHING, in one statement, for each request whose post is due (at exactly its
   * `expectedPublishAt`, when given), not deleted, and not too late under its organization's
   * policy: the claimed outcome at the request's index, with the post as the claim found it.
   */
  private async claimDue(requests: readonly ClaimRequest[], now: Date): Promise<Array<ClaimOutcome | undefined>> {
    if (requests.length === 0) return [];
    const dueBy = new Date(now.getTime() + CLAIM_TOLERANCE_MS);
    const column = <K extends keyof ClaimRequest>(key: K, of: (value: ClaimRequest[K]) => string) => requests.map((r) => of(r[key]));
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      UPDATE posts AS p
         SET state = 'PUBLISHING', "publishRunId" = v.token, "errorCode" = NULL, "errorMessage" = NULL,
             "commitStartedAt" = NULL, "preparedState" = NULL, "updatedAt" = ${now}
        FROM unnest(${column('postId', String)}::text[], ${column('organizationId', String)}::text[], ${column('claimToken', String)}::text[],
                    ${column('expectedPublishAt', (at) => at?.toISOString() ?? '')}::text[]) AS v(id, "organizationId", token, expected),
             organizations AS o, integrations AS i
       WHERE p.id = v.id AND p."organizationId" = v."organizationId"
         AND o.id = p."organizationId" AND i.id = p."integrationId" AND i.provider = ANY(${[...PROVIDER_IDS]})
         AND p."deletedAt" IS NULL AND p.state = 'QUEUE' AND p."publishAt" <= ${dueBy}
         AND (v.expected = '' OR p."publishAt" = v.expected::timestamptz)
         AND (o."latePostPolicy" <> 'FAIL' OR p."publishAt" >= ${now}::timestamptz - make_interval(mins => o."lateAfterMinutes"))
   RETURNING p.id, p."publishRunId" AS token, p.content, p.media, p.settings, p."integrationId", i.provider, i."internalId",
             i.disabled, i."refreshNeeded", i."deletedAt" IS NOT NULL AS "integrationDeleted"`;
    // Two requests for one post (two attempts in one batch): the row is updated once, for one of
    // them, and only the token it now holds is claimed.
    const byId = new Map(rows.map((row) => [row.id, row]));
    return requests.map(({ organizationId, postId, claimToken }) => {
      const row = byId.get(postId);
      if (!row || row.token !== claimToken || !isProviderId(row.provider)) return undefined;
      const integration = {
        id: row.integrationId,
        provider: row.provider,
        internalId: row.internalId,
        disabled: row.disabled,
        refreshNeeded: row.refreshNeeded,
        deleted: row.integrationDeleted,
      };
      const post: PostForPublish = {
        id: postId,
        organizationId,
        state: 'PUBLISHING',
        deleted: false,
        content: row.content,
        media: asMedia(row.media),
        settings: asSettings(row.settings),
        integration,
      };
      return { kind: 'claimed' as const, provider: row.provider, integrationId: row.integrationId, post };
    });
  }

  private async threadPending(organizationId: string, rootId: string): Promise<boolean> {
    const count = await this.db.post.count({
      where: { organizationId, parentPostId: rootId, deletedAt: null, state: { in: ['QUEUE', 'PUBLISHING'] } },
    });
    return count > 0;
  }

  /** A QUEUE post past its organization's lateness limit, under policy FAIL, becomes ERROR MISSED_TIME. */
  private async markMissedIfTooLate(organizationId: string, postId: string, now: Date): Promise<ClaimOutcome | undefined> {
    const rows = await this.db.$queryRaw<Array<{ publishAt: Date; lateAfterMinutes: number }>>`
      UPDATE posts AS p
         SET state = 'ERROR', "errorCode" = 'MISSED_TIME', "updatedAt" = ${now},
             "errorMessage" = 'The post was due at ' || to_char(p."publishAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
               || ' and could only have been published more than ' || o."lateAfterMinutes"
               || ' minutes late, so it was not published (this organization''s policy). Publish it again if it is still relevant.'
        FROM organizations AS o
       WHERE p.id = ${postId} AND p."organizationId" = ${organizationId} AND o.id = p."organizationId"
         AND p."deletedAt" IS NULL AND p.state = 'QUEUE' AND o."latePostPolicy" = 'FAIL'
         AND p."publishAt" < ${now}::timestamptz - make_interval(mins => o."lateAfterMinutes")
   RETURNING p."publishAt", o."lateAfterMinutes"`;
    const row = rows[0];
    if (!row) return undefined;
    const late = await this.db.post.findFirst({
      where: { id: postId },
      select: { errorMessage: true, integration: { select: { provider: true } } },
    });
    return {
      kind: 'missed',
      message: late?.errorMessage ?? 'The post missed its publish time.',
      ...(late && isProviderId(late.integration.provider) && { provider: late.integration.provider }),
    };
  }

  /** Takes a PUBLISHING post over from a lost attempt, handing on what it had recorded. */
  private async takeOver(organizationId: string, postId: string, claimToken: string): Promise<ClaimOutcome | undefined> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, organizationId, deletedAt: null, state: 'PUBLISHING', NOT: { publishRunId: claimToken } },
      data: { publishRunId: claimToken },
    });
    if (count === 0) return undefined;
    const row = await this.db.post.findFirst({
      where: { id: postId, organizationId },
      select: { integrationId: true, preparedState: true, commitStartedAt: true, integration: { select: { provider: true } } },
    });
    if (!row || !isProviderId(row.integration.provider)) return undefined;
    return { kind: 'claimed', provider: row.integration.provider, integrationId: row.integrationId, ...resumeOf(row) };
  }

  /**
   * Records, just before the publishing step, what an attempt taking over would need. False
   * when the token no longer holds the post: the caller must not publish.
   */
  async recordCommitAttempt(organizationId: string, postId: string, claimToken: string, prepared: unknown, now: Date): Promise<boolean> {
    const [recorded] = await this.recordCommitAttempts([{ organizationId, postId, claimToken, prepared, at: now }]);
    return recorded === true;
  }

  /** recordCommitAttempt for many posts in one statement: for each, whether it was recorded. */
  async recordCommitAttempts(attempts: ReadonlyArray<{ organizationId: string; postId: string; claimToken: string; prepared: unknown; at: Date }>): Promise<boolean[]> {
    if (attempts.length === 0) return [];
    const rows = await this.db.$queryRaw<Array<{ id: string }>>`
      UPDATE posts AS p
         SET "commitStartedAt" = v.at::timestamptz, "preparedState" = v.prepared::jsonb, "updatedAt" = v.at::timestamptz
        FROM unnest(${attempts.map((a) => a.postId)}::text[], ${attempts.map((a) => a.organizationId)}::text[], ${attempts.map((a) => a.claimToken)}::text[],
                    ${attempts.map((a) => a.at.toISOString())}::text[], ${attempts.map((a) => JSON.stringify(a.prepared))}::text[])
             AS v(id, "organizationId", token, at, prepared)
       WHERE p.id = v.id AND p."organizationId" = v."organizationId" AND p.state = 'PUBLISHING' AND p."publishRunId" = v.token
   RETURNING p.id`;
    const recorded = new Set(rows.map((r) => r.id));
    return attempts.map((a) => recorded.has(a.postId));
  }

  /**
   * Posts that should have a workflow (QUEUE or PUBLISHING), created before `createdBefore`. With
   * `dueBefore`, of the QUEUE posts only those due before it or that never had a workflow.
   */
  async listActive(createdBefore: Date, afterId?: string, limit = 1000, dueBefore?: Date): Promise<ActivePost[]> {
    const rows = await this.db.post.findMany({
      // Thread items have no workflow of their own: their root post's workflow publishes them.
      where: {
        deletedAt: null,
        parentPostId: null,
        OR: [
          dueBefore ? { state: 'QUEUE', OR: [{ publishAt: { lt: dueBefore } }, { workflowId: null }] } : { state: 'QUEUE' },
          { state: 'PUBLISHING' },
          // Published, but comments still to go out: its workflow must be running too.
          { state: 'PUBLISHED', threadItems: { some: { deletedAt: null, state: { in: ['QUEUE', 'PUBLISHING'] } } } },
        ],
        createdAt: { lt: createdBefore },
        ...(afterId && { id: { gt: afterId } }),
      },
      orderBy: { id: 'asc' },
      take: limit,
      select: { id: true, organizationId: true, integrationId: true, state: true, publishAt: true, integration: { select: { provider: true } } },
    });
    return rows.flatMap((r) =>
      isProviderId(r.integration.provider) && (r.state === 'QUEUE' || r.state === 'PUBLISHING' || r.state === 'PUBLISHED')
        ? [{ id: r.id, organizationId: r.organizationId, integrationId: r.integrationId, provider: r.integration.provider, state: r.state, publishAt: r.publishAt }]
        : [],
    );
  }

  /**
   * The creation time of the oldest post created at or after `createdAfter` that should have a
   * workflow and has never had one: the sweep leaves such young posts to the API for a grace
   * period, then looks at them again (operations, not a tenant's query).
   */
  /** The publish time of a root post still waiting (QUEUE, not deleted); null otherwise. */
  async waitingPublishAt(organizationId: string, postId: string): Promise<Date | null> {
    const row = await this.db.post.findFirst({
      where: { id: postId, organizationId, deletedAt: null, state: 'QUEUE' },
      select: { publishAt: true },
    });
    return row?.publishAt ?? null;
  }

  async oldestWithoutWorkflowSince(createdAfter: Date): Promise<Date | null> {
    const row = await this.db.post.findFirst({
      where: { deletedAt: null, parentPostId: null, state: 'QUEUE', workflowId: null, createdAt: { gte: createdAfter } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    });
    return row?.createdAt ?? null;
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

  /**
   * Records the network's post. Idempotent: a retry after success changes nothing and returns
   * null, so that only the call that moved the post out of PUBLISHING is counted.
   */
  async markPublished(organizationId: string, postId: string, ref: PublishedRef, now: Date): Promise<PublishTransition | null> {
    return this.transition(
      organizationId,
      postId,
      Prisma.sql`state = 'PUBLISHED', "releaseId" = ${ref.releaseId}, "releaseUrl" = ${ref.releaseUrl ?? null},
                 "publishedAt" = ${now}, "errorCode" = NULL, "errorMessage" = NULL, "updatedAt" = ${now}`,
    );
  }

  /** Records why publishing failed. Idempotent: null when the post was not PUBLISHING any more. */
  async markFailed(
    organizationId: string,
    postId: string,
    error: { code: ErrorCode; message: string },
  ): Promise<PublishTransition | null> {
    return this.transition(
      organizationId,
      postId,
      Prisma.sql`state = 'ERROR', "errorCode" = ${error.code}, "errorMessage" = ${error.message}, "updatedAt" = ${new Date()}`,
    );
  }

  /** Moves a PUBLISHING post on with `set`, in one statement; what it moved, or null if nothing. */
  private async transition(organizationId: string, postId: string, set: Prisma.Sql): Promise<PublishTransition | null> {
    const rows = await this.db.$queryRaw<Array<{ publishAt: Date; provider: string }>>`
      UPDATE posts AS p SET ${set}
        FROM integrations AS i
       WHERE p.id = ${postId} AND p."organizationId" = ${organizationId} AND p.state = 'PUBLISHING' AND i.id = p."integrationId"
   RETURNING p."publishAt", i.provider`;
    const row = rows[0];
    return row && isProviderId(row.provider) ? { provider: row.provider, publishAt: row.publishAt } : null;
  }

  /**
   * Undeleted posts per state, across organizations: the operator's view (metrics), never shown
   * to a tenant. One grouped query; states without posts are absent.
   */
  async countByState(): Promise<Array<{ state: PostState; count: number }>> {
    const rows = await this.db.post.groupBy({ by: ['state'], where: { deletedAt: null }, _count: { _all: true } });
    return rows.map((r) => ({ state: r.state, count: r._count._all }));
  }
}

/** What an earlier attempt had recorded before the publishing step, for the one that claims after it. */
function resumeOf(row: { preparedState: Prisma.JsonValue | null; commitStartedAt: Date | null }) {
  if (row.preparedState === null) return {};
  return { resume: { prepared: row.preparedState, ...(row.commitStartedAt && { commitStartedAt: row.commitStartedAt }) } };
}

interface ClaimedRow {
  id: string;
  token: string;
  content: string;
  media: unknown;
  settings: unknown;
  integrationId: string;
  provider: string;
  internalId: string;
  disabled: boolean;
  refreshNeeded: boolean;
  integrationDeleted: boolean;
}
