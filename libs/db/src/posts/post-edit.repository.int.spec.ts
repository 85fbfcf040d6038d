import { randomUUID } from 'node:crypto';
import { CredentialsCipher } from '../crypto/credentials-cipher';
import { IntegrationRepository } from '../integrations/integration.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { type Db, createPrismaClient } from '../prisma.client';
import { PostEditRepository } from './post-edit.repository';
import { PostRepository } from './post.repository';
import type { NewPost } from './post.types';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm test`);
  return value;
};

describe(PostEditRepository.name, () => {
  let db: Db;
  let posts: PostRepository;
  let edits: PostEditRepository;
  let organizationId: string;
  let otherOrganizationId: string;
  let integrationId: string;

  beforeAll(async () => {
    db = createPrismaClient(env('DATABASE_URL'), { maxConnections: 4 });
    posts = new PostRepository(db);
    edits = new PostEditRepository(db);
    const organizations = new OrganizationRepository(db);
    organizationId = (await organizations.create({ name: 'edit-test' })).id;
    otherOrganizationId = (await organizations.create({ name: 'edit-test-other' })).id;
    const integrations = new IntegrationRepository(db, new CredentialsCipher(env('HERALD_ENCRYPTION_KEY')));
    integrationId = (
      await integrations.upsert(organizationId, { provider: 'facebook', internalId: `fb-${randomUUID()}`, name: 'Page', credentials: { accessToken: 't' } })
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
    content: 'Hello',
    media: [],
    settings: {},
    creationMethod: 'API',
    ...overrides,
  });

  it('should let exactly one of a move and a claim win when they race at the publish time', async () => {
    for (let i = 0; i < 20; i++) {
      const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
      const later = new Date(Date.now() + 3_600_000);

      const [claim, move] = await Promise.all([
        posts.claimForPublishing(organizationId, post!.id, `race-${i}`, new Date()),
        edits.apply(organizationId, post!.id, 'move', { publishAt: later }),
      ]);

      const stored = await posts.findForOrganization(organizationId, post!.id);
      if (claim.kind === 'claimed') {
        expect(move).toEqual({ ok: false, state: 'PUBLISHING' });
        expect(stored?.publishAt.getTime()).toBe(post!.publishAt.getTime());
      } else {
        expect(move.ok).toBe(true);
        expect(claim).toEqual({ kind: 'not-yet', publishAt: later });
        expect(stored).toMatchObject({ state: 'QUEUE', publishAt: later });
      }
    }
  });

  it('should move the thread items with their post and keep their delays', async () => {
    const at = new Date('2030-01-01T10:00:00Z');
    const [post] = await posts.createMany(organizationId, [
      newPost(at, { thread: [{ content: 'First comment', media: [], delayMinutes: 0 }, { content: 'Second', media: [], delayMinutes: 5 }] }),
    ]);

    const moved = await edits.apply(organizationId, post!.id, 'move', { publishAt: new Date('2030-01-02T08:00:00Z') });

    expect(moved.ok && moved.post.thread.map((t) => [t.content, t.delayMinutes])).toEqual([['First comment', 0], ['Second', 5]]);
    const items = await db.post.findMany({ where: { parentPostId: post!.id }, orderBy: { threadPosition: 'asc' } });
    expect(items.map((t) => t.publishAt.toISOString())).toEqual(['2030-01-02T08:00:00.000Z', '2030-01-02T08:05:00.000Z']);
  });

  it('should refuse to edit a published post and say it is published', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    await posts.claimForPublishing(organizationId, post!.id, 'run', new Date());
    await posts.markPublished(organizationId, post!.id, { releaseId: '1' }, new Date());

    const result = await edits.apply(organizationId, post!.id, 'edit', { content: 'Changed' });

    expect(result).toEqual({ ok: false, state: 'PUBLISHED' });
    expect((await posts.findForOrganization(organizationId, post!.id))?.content).toBe('Hello');
  });

  it('should clear what the last publication left when a published post is republished', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date())]);
    await posts.claimForPublishing(organizationId, post!.id, 'run', new Date());
    await posts.markPublished(organizationId, post!.id, { releaseId: '1', releaseUrl: 'https://x/1' }, new Date());

    const result = await edits.apply(organizationId, post!.id, 'republish', { state: 'QUEUE', publishAt: new Date() });

    expect(result.ok && result.post).toMatchObject({ state: 'QUEUE', releaseId: null, releaseUrl: null, publishedAt: null });
  });

  it('should not touch another organization\'s post', async () => {
    const [post] = await posts.createMany(organizationId, [newPost(new Date(Date.now() + 60_000))]);

    const result = await edits.apply(otherOrganizationId, post!.id, 'edit', { content: 'Hijacked' });

    expect(result).toEqual({ ok: false, state: 'missing' });
    expect((await posts.findForOrganization(organizationId, post!.id))?.content).toBe('Hello');
  });

  it('should keep a published post when its group is deleted, and delete the rest', async () => {
    const group = randomUUID();
    const [published, queued] = await posts.createMany(organizationId, [newPost(new Date(), { group }), newPost(new Date(Date.now() + 60_000), { group })]);
    await posts.claimForPublishing(organizationId, published!.id, 'run', new Date());
    await posts.markPublished(organizationId, published!.id, { releaseId: '1' }, new Date());

    const deletion = await posts.softDeleteGroup(organizationId, group, new Date());

    expect(deletion).toEqual({ deletedIds: [queued!.id], publishingIds: [], publishedIds: [published!.id] });
  });
});
