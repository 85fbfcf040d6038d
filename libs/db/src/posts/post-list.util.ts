import { type ErrorCode, type PostState, type RepeatRule, isErrorCode, isProviderId } from '@herald/domain';
import { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma.client';
import { asMedia, asSettings } from './post.mapper';
import type { ListedPost, PostIntegrationSummary, PostListQuery, ThreadItemRecord } from './post.types';

// A busy calendar month is thousands of posts in one answer. Through Prisma's query builder
// (findMany with the post's relations) 5,000 posts cost ~200 ms: each relation is loaded with an
// IN-list of 5,000 parameters, joined in JavaScript, and every instant is parsed from text. Here:
// one statement for the posts and their comments (one snapshot; the comments found by joining
// the posts, not by a list of ids, which Postgres matches far more slowly), the channels and
// repeats beside it, and instants as epoch milliseconds. post-list.int.spec.ts checks that each
// post reads exactly as findForOrganization (POST_SELECT) reads it.

/** Epoch milliseconds (exact: the columns keep milliseconds), which Prisma hands back as a number. */
const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** The columns read of a post, root or comment, as `alias` (a constant, never user input). */
const columns = (alias: 'p' | 'c') =>
  Prisma.raw(
    [
      'id', '"parentPostId"', '"integrationId"', '"group"', 'state::text AS state', '"timeZone"', 'content', 'media', 'settings',
      '"errorCode"', '"errorMessage"', '"releaseId"', '"releaseUrl"', '"workflowId"', '"creationMethod"', '"threadPosition"',
      '"delayMinutes"', '"repeatId"', 'occurrence',
    ]
      .map((column) => `${alias}.${column}`)
      .concat([`${epochMs(`${alias}."publishAt"`)} AS "publishAt"`, `${epochMs(`${alias}."publishedAt"`)} AS "publishedAt"`])
      .join(', '),
  );

interface PostRow {
  id: string;
  parentPostId: string | null;
  integrationId: string;
  group: string;
  state: string;
  publishAt: number;
  timeZone: string | null;
  content: string;
  media: unknown;
  settings: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  releaseId: string | null;
  releaseUrl: string | null;
  workflowId: string | null;
  creationMethod: string;
  publishedAt: number | null;
  threadPosition: number;
  delayMinutes: number;
  repeatId: string | null;
  occurrence: number | null;
  /** A root post's place in the answer, from 1; 0 for a comment. */
  position: number;
}

interface RepeatRow {
  id: string;
  rule: unknown;
  stoppedAt: number | null;
}

type ChannelRow = Omit<PostIntegrationSummary, 'provider'> & { provider: string };

/**
 * Top-level posts of the organization whose publish time falls in [from, to], earliest first
 * (then by id), with optional filters; with `limit`, one page after the `after` position.
 */
export async function listPostRecords(db: Db, organizationId: string, query: PostListQuery): Promise<ListedPost[]> {
  const { from, to, states, integrationIds, customerId, limit, after } = query;
  // An empty filter matches nothing (as Prisma's `in: []` does).
  if (states?.length === 0 || integrationIds?.length === 0) return [];
  const period = Prisma.sql`p."organizationId" = ${organizationId} AND p."deletedAt" IS NULL AND p."parentPostId" IS NULL
    AND p."publishAt" >= ${from} AND p."publishAt" <= ${to}`;
  const filters = [
    period,
    ...(states ? [Prisma.sql`p.state::text IN (${Prisma.join([...states])})`] : []),
    ...(integrationIds ? [Prisma.sql`p."integrationId" IN (${Prisma.join([...integrationIds])})`] : []),
    ...(customerId ? [Prisma.sql`p."integrationId" IN (SELECT i.id FROM integrations i WHERE i."customerId" = ${customerId})`] : []),
    ...(after ? [Prisma.sql`(p."publishAt" > ${after.publishAt} OR (p."publishAt" = ${after.publishAt} AND p.id > ${after.id}))`] : []),
  ];
  const [rows, channelRows, repeatRows] = await Promise.all([
    db.$queryRaw<PostRow[]>`
      WITH roots AS MATERIALIZED (
        SELECT ${columns('p')}, (row_number() OVER (ORDER BY p."publishAt" ASC, p.id ASC))::int AS position
          FROM posts p
         WHERE ${Prisma.join(filters, ' AND ')}
         ORDER BY p."publishAt" ASC, p.id ASC
         ${limit !== undefined ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}
      )
      SELECT * FROM roots
      UNION ALL
      SELECT ${columns('c')}, 0 AS position FROM roots JOIN posts c ON c."parentPostId" = roots.id WHERE c."deletedAt" IS NULL`,
    // A channel of the organization may be deleted and still have published posts.
    db.$queryRaw<ChannelRow[]>`SELECT id, name, provider, picture, profile FROM integrations WHERE "organizationId" = ${organizationId}`,
    db.$queryRaw<RepeatRow[]>`
      SELECT r.id, r.rule, ${Prisma.raw(epochMs('r."stoppedAt"'))} AS "stoppedAt"
        FROM post_repeats r
       WHERE r.id IN (SELECT p."repeatId" FROM posts p WHERE ${period} AND p."repeatId" IS NOT NULL)`,
  ]);
  const roots: PostRow[] = [];
  const comments: PostRow[] = [];
  for (const row of rows) {
    if (row.position > 0) roots[row.position - 1] = row;
    else comments.push(row);
  }
  if (roots.length === 0) return [];

  // Read beside the posts: one created meanwhile may name a channel or repeat they missed.
  const channels = new Map(channelRows.map((c) => [c.id, c]));
  const repeats = new Map(repeatRows.map((r) => [r.id, r]));
  const missingChannels = roots.flatMap((r) => (channels.has(r.integrationId) ? [] : [r.integrationId]));
  const missingRepeats = roots.flatMap((r) => (r.repeatId === null || repeats.has(r.repeatId) ? [] : [r.repeatId]));
  if (missingChannels.length > 0) {
    for (const c of await db.$queryRaw<ChannelRow[]>`SELECT id, name, provider, picture, profile FROM integrations WHERE id = ANY(${missingChannels}::text[])`) channels.set(c.id, c);
  }
  if (missingRepeats.length > 0) {
    for (const r of await db.$queryRaw<RepeatRow[]>`SELECT id, rule, ${Prisma.raw(epochMs('"stoppedAt"'))} AS "stoppedAt" FROM post_repeats WHERE id = ANY(${missingRepeats}::text[])`) repeats.set(r.id, r);
  }

  const threads = new Map<string, ThreadItemRecord[]>();
  comments.sort((a, b) => a.threadPosition - b.threadPosition || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const row of comments) {
    const items = threads.get(row.parentPostId!);
    if (items) items.push(toThreadItem(row));
    else threads.set(row.parentPostId!, [toThreadItem(row)]);
  }
  const summaries = new Map<string, PostIntegrationSummary>();
  const rules = new Map<string, NonNullable<ListedPost['repeat']>>();
  return roots.map((row) => {
    let integration = summaries.get(row.integrationId);
    if (!integration) {
      const channel = channels.get(row.integrationId);
      if (!channel) throw new Error(`Post ${row.id}: its channel ${row.integrationId} does not exist`);
      if (!isProviderId(channel.provider)) throw new Error(`Post ${row.id}: unknown provider ${channel.provider}`);
      // One object per channel, shared by its posts: nothing downstream changes a record.
      integration = { id: channel.id, name: channel.name, provider: channel.provider, picture: channel.picture, profile: channel.profile };
      summaries.set(row.integrationId, integration);
    }
    let repeat: ListedPost['repeat'] = null;
    if (row.repeatId !== null) {
      repeat = rules.get(row.repeatId) ?? null;
      const found = repeat ? undefined : repeats.get(row.repeatId);
      if (found) rules.set(row.repeatId, (repeat = { id: found.id, rule: found.rule as RepeatRule, stoppedAt: toDate(found.stoppedAt) }));
    }
    return toListedPost(row, integration, repeat, threads.get(row.id) ?? []);
  });
}

function toDate(epochMs: number | null): Date | null {
  return epochMs === null ? null : new Date(epochMs);
}

function toErrorCode(value: string | null): ErrorCode | null {
  return isErrorCode(value) ? value : null;
}

function toThreadItem(row: PostRow): ThreadItemRecord {
  return {
    id: row.id,
    content: row.content,
    media: asMedia(row.media),
    delayMinutes: row.delayMinutes,
    threadPosition: row.threadPosition,
    state: row.state as PostState,
    errorCode: toErrorCode(row.errorCode),
    errorMessage: row.errorMessage,
    releaseId: row.releaseId,
    releaseUrl: row.releaseUrl,
    publishedAt: toDate(row.publishedAt),
  };
}

function toListedPost(row: PostRow, integration: PostIntegrationSummary, repeat: ListedPost['repeat'], thread: ThreadItemRecord[]): ListedPost {
  return {
    id: row.id,
    group: row.group,
    parentPostId: null,
    state: row.state as PostState,
    publishAt: new Date(row.publishAt),
    timeZone: row.timeZone,
    content: row.content,
    media: asMedia(row.media),
    settings: asSettings(row.settings),
    errorCode: toErrorCode(row.errorCode),
    errorMessage: row.errorMessage,
    releaseId: row.releaseId,
    releaseUrl: row.releaseUrl,
    workflowId: row.workflowId,
    creationMethod: row.creationMethod,
    publishedAt: toDate(row.publishedAt),
    occurrence: row.occurrence,
    repeat,
    integration,
    thread,
  };
}
