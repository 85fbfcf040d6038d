import { type Db, MediaRepository, type NewPost, PostRepository } from '@herald/db';
import { type MediaRef, repeatRuleFrom } from '@herald/domain';
import { waitForHttp } from '@herald/testing';
import type { BenchContext } from './bench-context';
import { type FleetOrg, NETWORKS, createFleet, postItem } from './fleet';
import { round, summarize } from './stats.util';

const DAY_MS = 86_400_000;
const MONTH_MS = 30 * DAY_MS;
/** Queries before the timed ones: the first ones also warm the JIT and the connection pool. */
const WARM_UP = 3;
/** Posts per createMany call (one transaction each). */
const BATCH = 250;

/**
 * Postiz's calendar query: GET /posts?startDate&endDate over one organization's month that holds
 * `posts` root posts, with another organization as busy in the same month. The posts are written
 * straight to Postgres through the repositories (the query reads only Postgres; scheduling them
 * through the API is what the scale benchmark does, at 100 a second), as a calendar holds them:
 * the three networks with their media and settings, some threads and repeats, drafts, published
 * posts with their links, failures with their codes, a few deleted, some just outside the month.
 * The worker is stopped meanwhile, or its sweep would start a workflow for every seeded post;
 * the posts are removed and the worker started again afterwards.
 */
export async function calendarBench(ctx: BenchContext): Promise<void> {
  const { posts, queries } = ctx.sizes.calendar;
  const [month, other] = await createFleet(ctx.stack, ctx.db, 2);
  await ctx.stack.worker.stop();
  const monthStart = new Date(Math.ceil((Date.now() + DAY_MS) / DAY_MS) * DAY_MS);
  try {
    const seedStarted = Date.now();
    for (const org of [month!, other!]) await seedMonth(ctx.db, org, posts, monthStart);
    const seedS = (Date.now() - seedStarted) / 1000;
    ctx.log(`calendar: two organizations of ${posts} posts in the month seeded in ${round(seedS, 1)} s`);

    const range = `startDate=${encodeURIComponent(monthStart.toISOString())}&endDate=${encodeURIComponent(new Date(monthStart.getTime() + MONTH_MS).toISOString())}`;
    const url = `${ctx.stack.apiUrl}/api/public/v1/posts?${range}`;
    const ownChannels = new Set(NETWORKS.map((n) => month!.org.channels[n]!.integration.id));
    const timesMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARM_UP + queries; i++) {
      // The answer's time: request sent to its last byte received (the client's parsing is the client's).
      const t = performance.now();
      const response = await fetch(url, { headers: { authorization: month!.api.apiKey } });
      const text = await response.text();
      const ms = performance.now() - t;
      if (response.status !== 200) throw new Error(`the month query answered ${response.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { posts: Array<{ integration: { id: string } }> };
      if (body.posts.length !== posts) throw new Error(`the month query answered ${body.posts.length} posts; ${posts} were seeded in that month`);
      if (body.posts.some((p) => !ownChannels.has(p.integration.id))) throw new Error("the month query answered another organization's posts");
      if (i >= WARM_UP) timesMs.push(ms);
      bytes = text.length;
    }
    const q = summarize(timesMs);
    ctx.details.calendar = { posts, queries, seedS, responseBytes: bytes, queryMs: q, samplesMs: timesMs };
    ctx.log(`calendar: month of ${posts} posts, p50 ${round(q.p50, 0)} ms, p99 ${round(q.p99, 0)} ms (${round(bytes / 2 ** 20, 1)} MiB)`);
    ctx.rows.push(
      { bench: 'calendar', metric: `month query, one organization (${posts} posts, ${round(bytes / 2 ** 20, 1)} MiB), p50`, herald: q.p50, unit: 'ms' },
      { bench: 'calendar', metric: `month query, p99 of ${queries}`, herald: q.p99, unit: 'ms', goal: '< 100 ms', met: q.p99 < 100 },
    );
  } finally {
    await ctx.db.post.deleteMany({ where: { organizationId: { in: [month!.org.organizationId, other!.org.organizationId] } } });
    ctx.stack.worker.start();
    await waitForHttp(ctx.stack.workerMetricsUrl);
  }
}

/**
 * `count` root posts in [monthStart, monthStart + 30 days), plus a tenth as many just before and
 * after the month and a hundredth deleted inside it (which the query must leave out).
 */
async function seedMonth(db: Db, org: FleetOrg, count: number, monthStart: Date): Promise<void> {
  const repository = new PostRepository(db);
  const [photo] = (await new MediaRepository(db).findManyByPath(org.org.organizationId, [org.photoPath])).values();
  const media: MediaRef[] = photo ? [{ id: photo.id, path: photo.path, kind: photo.kind, mimeType: photo.mimeType, ...(photo.width && { width: photo.width }), ...(photo.height && { height: photo.height }) }] : [];
  const outside = Math.ceil(count / 10);
  const deleted = Math.ceil(count / 100);
  const at = (i: number): Date => {
    if (i < count + deleted) return new Date(monthStart.getTime() + Math.floor(((i * 7919) % (count + deleted)) * (MONTH_MS / (count + deleted))));
    const k = i - count - deleted;
    return new Date(k % 2 ? monthStart.getTime() - (k + 1) * 60_000 : monthStart.getTime() + MONTH_MS + (k + 1) * 60_000);
  };
  const all: NewPost[] = [];
  const repeating: NewPost[] = [];
  for (let i = 0; i < count + deleted + outside; i++) {
    const network = NETWORKS[i % NETWORKS.length]!;
    const item = postItem(org, network, `Calendar post ${i}: ${'a week of news, '.repeat(1 + (i % 8))}`) as { settings?: Record<string, unknown> };
    const post: NewPost = {
      integrationId: org.org.channels[network]!.integration.id,
      group: `calendar-${org.org.organizationId}-${i}`,
      state: i % 10 === 3 ? 'DRAFT' : 'QUEUE',
      publishAt: at(i),
      timeZone: i % 4 ? 'Europe/Paris' : 'UTC',
      content: `Calendar post ${i}: ${'a week of news, '.repeat(1 + (i % 8))}`,
      media: network === 'facebook' ? [] : media,
      settings: item.settings ?? {},
      creationMethod: 'API',
      ...(network !== 'tiktok' && i % 10 === 1 && { thread: [{ content: `First comment of ${i}`, media: [], delayMinutes: 5 }, { content: `Second comment of ${i}`, media: [], delayMinutes: 10 }] }),
    };
    (i % 50 === 7 && i < count ? repeating : all).push(post);
  }
  for (let i = 0; i < all.length; i += BATCH) await repository.createMany(org.org.organizationId, all.slice(i, i + BATCH));
  for (const post of repeating) {
    const rule = repeatRuleFrom({ frequency: 'daily', interval: 7 }, post.publishAt, post.timeZone ?? 'UTC');
    if (!rule.ok) throw new Error(`repeat rule: ${rule.reason}`);
    await repository.createMany(org.org.organizationId, [post], { repeat: rule.value });
  }
  await settleStates(db, org.org.organizationId, monthStart, deleted);
}

/** What a month of a live calendar looks like: published posts and comments, failures, workflow ids, deleted posts. */
async function settleStates(db: Db, organizationId: string, monthStart: Date, deleted: number): Promise<void> {
  const rows = await db.post.findMany({ where: { organizationId }, select: { id: true, state: true, parentPostId: true }, orderBy: { id: 'asc' } });
  const roots = rows.filter((r) => r.parentPostId === null);
  const queued = roots.filter((r) => r.state === 'QUEUE');
  const published = queued.filter((_, i) => i % 4 === 0).map((r) => r.id);
  const failed = queued.filter((_, i) => i % 20 === 1).map((r) => r.id);
  const now = new Date();
  await db.$executeRaw`UPDATE posts SET "workflowId" = 'post:' || id WHERE "organizationId" = ${organizationId} AND "parentPostId" IS NULL AND state = 'QUEUE'`;
  await db.$executeRaw`UPDATE posts SET state = 'PUBLISHED', "publishedAt" = "publishAt", "releaseId" = 'rel-' || id, "releaseUrl" = 'https://www.facebook.com/' || id
    WHERE id = ANY(${published}) OR "parentPostId" = ANY(${published})`;
  await db.post.updateMany({
    where: { id: { in: failed } },
    data: { state: 'ERROR', errorCode: 'RATE_LIMITED', errorMessage: 'The network refused more posts for now; Herald tried again until the post was too late. Publish it again.' },
  });
  const inMonth = await db.post.findMany({
    where: { organizationId, parentPostId: null, publishAt: { gte: monthStart, lt: new Date(monthStart.getTime() + MONTH_MS) } },
    select: { id: true },
    orderBy: { id: 'desc' },
    take: deleted,
  });
  await db.post.updateMany({ where: { OR: [{ id: { in: inMonth.map((p) => p.id) } }, { parentPostId: { in: inMonth.map((p) => p.id) } }] }, data: { deletedAt: now } });
}
