import { randomUUID } from 'node:crypto';
import { CredentialsCipher } from '../crypto/credentials-cipher';
import { IntegrationRepository } from '../integrations/integration.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { type Db, createPrismaClient } from '../prisma.client';
import { PostRepository } from './post.repository';
import type { NewPost } from './post.types';

// Provided by `npm test` (scripts/test.mjs): a database of this run's own, migrated.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm test`);
  return value;
};

describe(PostRepository.name, () => {
  let db: Db;
  let posts: PostRepository;
  let organizationId: string;
  let otherOrganizationId: string;
  let integrationId: string;

  beforeAll(async () => {
    db = createPrismaClient(env('DATABASE_URL'), { maxConnections: 4 });
    posts = new PostRepository(db);
    const organizations = new OrganizationRepository(db);
    organizationId = (await organizations.create({ name: 'repo-test' })).id;
    otherOrganizationId = (await organizations.create({ name: 'repo-test-other' })).id;
    const integrations = new IntegrationRepository(db, new CredentialsCipher(env('HERALD_ENCRYPTION_KEY')));
    integrationId = (
      await integrations.upsert(organizationId, {
        provider: 'instagram',
        internalId: `ig-${randomUUID()}`,
        name: 'IG',
        credentials: { accessToken: 'token' },
      })
    ).id;
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  const newPost = (publishAt: Date, overrides: Partial<NewPost> = {}): NewPost => ({
    integrationId,
    group: randomUUID(),
    state: 'QUEUE',
    publishAt,
    content: 'hello',
    media: [{ path: 'https://example.com/a.jpg', kind: 'image' }],
    settings: {},
    creationMethod: 'API',
    ...overrides,
  });

  it('should answer the posts of a request as they were stored, one post or several, with or without comments', async () => {
    const at = new Date('2031-02-03T04:05:06.789Z');
    const summary = { id: integrationId, name: 'IG', provider: 'instagram' as const, picture: null, profile: null };
    const [single] = await posts.createMany(organizationId, [newPost(at, { settings: { post_type: 'post' } })]);
    const several = await posts.createMany(organizationId, [newPost(at, { content: 'first' }), newPost(new Date(at.getTime() + 1), { content: 'second', timeZone: 'Asia/Tokyo' })], {
      // As the API passes them: the channels it has just read, with more fields than a post shows.
      channels: new Map([[integrationId, { ...summary, internalId: 'ig-1', disabled: false }]]),
    });
    const threaded = await posts.createMany(organizationId, [newPost(at, { thread: [{ content: 'comment', media: [], delayMinutes: 3 }] })]);

    const created = [single!, ...several, ...threaded];
    const stored = await Promise.all(created.map((p) => posts.findForOrganization(organizationId, p.id)));
    expect(created).toEqual(stored);
    expect(several.map((p) => [p.content, p.integration])).toEqual([['first', summary], ['second', summary]]);
    expect(threaded[0]!.thread).toMatchObject([{ content: 'comment', delayMinutes: 3, threadPosition: 1 }]);
  });

  it("should record the workflows started for a request's posts, and only in its organization", async () => {
    const created = await posts.createMany(organizationId, [newPost(new Date()), newPost(new Date())]);
    const ids = created.map((p) => ({ postId: p.id, workflowId: `post:${p.id}` }));

    await posts.setWorkflowIds(otherOrganizationId, ids);
    const untouched = await Promise.all(created.map((p) => posts.findForOrganization(organizationId, p.id)));
    await posts.setWorkflowIds(organizationId, ids);
    const recorded = await Promise.all(created.map((p) => posts.findForOrganization(organizationId, p.id)));

    expect(untouched.map((p) => p?.workflowId)).toEqual([null, null]);
    expect(recorded.map((p) => p?.workflowId)).toEqual(ids.map((i) => i.workflowId));
    expect(recorded[0]!.updatedAt.getTime()).toBeGreaterThanOrEqual(created[0]!.updatedAt.getTime());
  });

  it('should claim a due post once for a run and again for the same run', async () => {
    const now = new Date();
    const [post] = await posts.createMany(organizationId, [newPost(new Date(now.getTime() - 1000))]);
    const first = await posts.claimForPublishing(organizationId, post!.id, 'run-1', now);
    const again = await posts.claimForPublishing(organizationId, post!.id, 'run-1', now);
    const otherRun = await posts.claimForPublishing(organizationId, post!.id, 'run-2', now);
    // A fresh claim hands back the post as it found it: what a read for publishing returns.
    expect(first).toEqual({ kind: 'claimed', provider: 'instagram', integrationId, post: await posts.getForPublish(organizationId, post!.id) });
    expect(again).toEqual({ kind: 'claimed', provider: 'instagram', integrationId });
    expect(otherRun).toEqual({ kind: 'skip', reason: 'the post is PUBLISHING, not QUEUE' });
  });

  it('should not claim a post that was moved later, and say until when', async () => {
    const later = new Date(Date.now() + 3_600_000);
    const [post] = await posts.createMany(organizationId, [newPost(later)]);
    const outcome = await posts.claimForPublishing(organizationId, post!.id, 'run', new Date());
    expect(outcome).toEqual({ kind: 'not-yet', publishAt: later });
    expect((await posts.findForOrganization(organizationId, post!.id))?.state).toBe('QUEUE');
  });

  it('should not claim a deleted post', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    await posts.softDeleteGroup(organizationId, post!.group, new Date());
    expect(await posts.claimForPublishing(organizationId, post!.id, 'run', new Date())).toEqual({
      kind: 'skip',
      reason: 'the post was deleted',
    });
  });

  it('should say when a post still waits to be published, and nothing once it is a draft, deleted or in another organization', async () => {
    const at = new Date(Date.now() + 3_600_000);
    const [waiting, draft, deleted] = await posts.createMany(organizationId, [newPost(at), newPost(at, { state: 'DRAFT' }), newPost(at)]);
    await posts.softDeleteGroup(organizationId, deleted!.group, new Date());

    expect(await posts.waitingPublishAt(organizationId, waiting!.id)).toEqual(at);
    expect(await posts.waitingPublishAt(organizationId, draft!.id)).toBeNull();
    expect(await posts.waitingPublishAt(organizationId, deleted!.id)).toBeNull();
    expect(await posts.waitingPublishAt(otherOrganizationId, waiting!.id)).toBeNull();
  });

  it('should let exactly one of a delete and a claim win when they race', async () => {
    for (let i = 0; i < 20; i++) {
      const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
      const [claim, deletion] = await Promise.all([
        posts.claimForPublishing(organizationId, post!.id, `race-${i}`, new Date()),
        posts.softDeleteGroup(organizationId, post!.group, new Date()),
      ]);
      const claimed = claim.kind === 'claimed';
      const deleted = deletion.deletedIds.includes(post!.id);
      expect([claimed, deleted]).toContainEqual(true);
      expect(claimed && deleted).toBe(false);
      expect(deletion.publishingIds.includes(post!.id)).toBe(claimed);
    }
  });

  it('should record a publication once, whatever the retries', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    await posts.claimForPublishing(organizationId, post!.id, 'run', new Date());
    const first = await posts.markPublished(organizationId, post!.id, { releaseId: '1789', releaseUrl: 'https://x/p/1' }, new Date());
    const retried = await posts.markPublished(organizationId, post!.id, { releaseId: '1789', releaseUrl: 'https://x/p/1' }, new Date());
    const late = await posts.markFailed(organizationId, post!.id, { code: 'INTERNAL', message: 'late retry' });
    const stored = await posts.findForOrganization(organizationId, post!.id);
    expect(stored).toMatchObject({ state: 'PUBLISHED', releaseId: '1789', releaseUrl: 'https://x/p/1', errorCode: null });
    // Only the call that changed the post reports it (metrics count it once).
    expect(first).toEqual({ provider: 'instagram', publishAt: post!.publishAt });
    expect([retried, late]).toEqual([null, null]);
  });

  it('should count undeleted posts by state in one query', async () => {
    const before = await posts.countByState();
    const [draft, queued] = await posts.createMany(organizationId, [
      newPost(new Date(), { state: 'DRAFT' }),
      newPost(new Date(Date.now() + 3_600_000)),
    ]);
    await posts.softDeleteGroup(organizationId, queued!.group, new Date());

    const after = await posts.countByState();

    const count = (rows: typeof after, state: string) => rows.find((r) => r.state === state)?.count ?? 0;
    expect(draft!.state).toBe('DRAFT');
    expect(count(after, 'DRAFT') - count(before, 'DRAFT')).toBe(1);
    expect(count(after, 'QUEUE') - count(before, 'QUEUE')).toBe(0);
  });

  it('should mark a post too late for its organization\'s policy as missed, and publish a slightly late one', async () => {
    const now = new Date();
    const [late, slightlyLate] = await posts.createMany(organizationId, [
      newPost(new Date(now.getTime() - 61 * 60_000)),
      newPost(new Date(now.getTime() - 59 * 60_000)),
    ]);

    const missed = await posts.claimForPublishing(organizationId, late!.id, 'run', now);
    const claimed = await posts.claimForPublishing(organizationId, slightlyLate!.id, 'run', now);

    expect(missed).toMatchObject({ kind: 'missed', provider: 'instagram' });
    expect(missed.kind === 'missed' && missed.message).toMatch(/more than 60 minutes late, so it was not published/);
    expect(await posts.findForOrganization(organizationId, late!.id)).toMatchObject({ state: 'ERROR', errorCode: 'MISSED_TIME' });
    expect(claimed.kind).toBe('claimed');
  });

  it('should publish a post late anyway when the organization\'s policy says so', async () => {
    const org = await new OrganizationRepository(db).create({ name: 'publish-late' });
    await db.organization.update({ where: { id: org.id }, data: { latePostPolicy: 'PUBLISH' } });
    const integration = await new IntegrationRepository(db, new CredentialsCipher(env('HERALD_ENCRYPTION_KEY'))).upsert(org.id, {
      provider: 'facebook',
      internalId: `fb-${randomUUID()}`,
      name: 'FB',
      credentials: { accessToken: 't' },
    });
    const [post] = await posts.createMany(org.id, [newPost(new Date(Date.now() - 5 * 3_600_000), { integrationId: integration.id })]);

    expect((await posts.claimForPublishing(org.id, post!.id, 'run', new Date())).kind).toBe('claimed');
  });

  it('should let a run take over a PUBLISHING post only when asked, handing on what the lost run recorded', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    await posts.claimForPublishing(organizationId, post!.id, 'lost-run', new Date());
    const prepared = { provider: 'instagram', data: { containerId: 'c-9' } };
    await posts.recordCommitAttempt(organizationId, post!.id, 'lost-run', prepared, new Date('2026-12-03T10:00:00Z'));

    const refused = await posts.claimForPublishing(organizationId, post!.id, 'new-run', new Date());
    const taken = await posts.claimForPublishing(organizationId, post!.id, 'new-run', new Date(), { takeOver: true });

    expect(refused.kind).toBe('skip');
    expect(taken).toEqual({
      kind: 'claimed',
      provider: 'instagram',
      integrationId,
      resume: { prepared, commitStartedAt: new Date('2026-12-03T10:00:00Z') },
    });
  });

  it('should claim a post staged for a time only while Postgres still has exactly that time', async () => {
    const at = new Date(Date.now() - 500);
    const [post] = await posts.createMany(organizationId, [newPost(at)]);

    const stale = await posts.claimForPublishing(organizationId, post!.id, 'run/1', new Date(), { expectedPublishAt: new Date(at.getTime() + 60_000) });
    const stateAfterStale = (await posts.findForOrganization(organizationId, post!.id))?.state;
    const current = await posts.claimForPublishing(organizationId, post!.id, 'run/2', new Date(), { expectedPublishAt: at });

    expect(stale).toEqual({ kind: 'not-yet', publishAt: at });
    expect(stateAfterStale).toBe('QUEUE');
    expect(current).toMatchObject({ kind: 'claimed', provider: 'instagram', integrationId, post: { id: post!.id, content: 'hello' } });
  });

  it('should hand a token what its earlier attempt recorded, and no longer let it record once taken over', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    const prepared = { provider: 'instagram', data: { containerId: 'c-3' } };
    const startedAt = new Date('2026-12-04T10:00:00Z');
    await posts.claimForPublishing(organizationId, post!.id, 'run/1', new Date());
    const recorded = await posts.recordCommitAttempt(organizationId, post!.id, 'run/1', prepared, startedAt);

    const again = await posts.claimForPublishing(organizationId, post!.id, 'run/1', new Date());
    const taken = await posts.claimForPublishing(organizationId, post!.id, 'run/2', new Date(), { takeOver: true });
    const byLoser = await posts.recordCommitAttempt(organizationId, post!.id, 'run/1', prepared, new Date());
    const byHolder = await posts.recordCommitAttempt(organizationId, post!.id, 'run/2', prepared, new Date());

    expect(recorded).toBe(true);
    expect(again).toEqual({ kind: 'claimed', provider: 'instagram', integrationId, resume: { prepared, commitStartedAt: startedAt } });
    expect(taken).toMatchObject({ kind: 'claimed', resume: { prepared, commitStartedAt: startedAt } });
    expect(byLoser).toBe(false);
    expect(byHolder).toBe(true);
  });

  it('should list for a sweep with a horizon the QUEUE posts due before it or without a workflow, and every PUBLISHING one', async () => {
    const now = new Date();
    const horizon = new Date(now.getTime() + 3_600_000);
    const [soon, later, laterWithout, publishing] = await posts.createMany(organizationId, [
      newPost(new Date(now.getTime() + 60_000)),
      newPost(new Date(now.getTime() + 7 * 86_400_000)),
      newPost(new Date(now.getTime() + 7 * 86_400_000)),
      newPost(new Date(now.getTime() - 1_000)),
    ]);
    await posts.setWorkflowIds(organizationId, [soon!, later!, publishing!].map((p) => ({ postId: p.id, workflowId: `post:${p.id}` })));
    await posts.claimForPublishing(organizationId, publishing!.id, 'run/1', now);
    const mine = new Set([soon, later, laterWithout, publishing].map((p) => p!.id));
    const listed = async (dueBefore?: Date) =>
      (await posts.listActive(new Date(now.getTime() + 1_000), undefined, 10_000, dueBefore))
        .filter((p) => mine.has(p.id))
        .map((p) => p.id)
        .sort();

    expect(await listed(horizon)).toEqual([soon!.id, laterWithout!.id, publishing!.id].sort());
    expect(await listed()).toEqual([...mine].sort());
  });

  it('should keep organizations apart', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    expect(await posts.findForOrganization(otherOrganizationId, post!.id)).toBeNull();
    expect(await posts.claimForPublishing(otherOrganizationId, post!.id, 'run', new Date())).toEqual({
      kind: 'skip',
      reason: 'the post does not exist',
    });
    const deletion = await posts.softDeleteGroup(otherOrganizationId, post!.group, new Date());
    expect(deletion.deletedIds).toEqual([]);
  });

  it('should store publish times as instants, whatever the time zone of the process', async () => {
    const instant = new Date('2026-03-29T01:30:00.000Z');
    const [post] = await posts.createMany(organizationId, [newPost(instant, { timeZone: 'Europe/London' })]);
    const rows = await db.$queryRawUnsafe<Array<{ publishAt: string }>>(
      `SELECT to_char("publishAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "publishAt" FROM posts WHERE id = $1`,
      post!.id,
    );
    expect(rows[0]?.publishAt).toBe('2026-03-29T01:30:00.000');
    expect((await posts.findForOrganization(organizationId, post!.id))?.timeZone).toBe('Europe/London');
  });
});
