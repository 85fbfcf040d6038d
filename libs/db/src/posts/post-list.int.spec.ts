import { randomUUID } from 'node:crypto';
import { repeatRuleFrom } from '@herald/domain';
import { CredentialsCipher } from '../crypto/credentials-cipher';
import { CustomerRepository } from '../integrations/customer.repository';
import { IntegrationRepository } from '../integrations/integration.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { type Db, createPrismaClient } from '../prisma.client';
import { PostRepository } from './post.repository';
import { toPostResponse } from './post-response.mapper';
import type { ListedPost, NewPost, PostRecord } from './post.types';

// Provided by `npm test` (scripts/test.mjs): a database of this run's own, migrated.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm test`);
  return value;
};

// The calendar query (GET /posts) reads its posts with SQL of its own; each must come back
// exactly as the post's own page (GET /posts/:id, findForOrganization) reads it.
describe(`${PostRepository.name} listForOrganization`, () => {
  let db: Db;
  let posts: PostRepository;
  let organizationId: string;
  let otherOrganizationId: string;
  let facebook: string;
  let instagram: string;
  let retired: string;
  let foreign: string;
  let customerId: string;
  /** The month's posts in calendar order, each read on its own (findForOrganization). */
  let listed: PostRecord[];
  const from = new Date('2031-05-01T00:00:00.000Z');
  const to = new Date('2031-05-31T00:00:00.000Z');
  const at = (day: number, extraMs = 0) => new Date(from.getTime() + day * 86_400_000 + extraMs);

  beforeAll(async () => {
    db = createPrismaClient(env('DATABASE_URL'), { maxConnections: 4 });
    posts = new PostRepository(db);
    const organizations = new OrganizationRepository(db);
    organizationId = (await organizations.create({ name: 'list-test' })).id;
    otherOrganizationId = (await organizations.create({ name: 'list-test-other' })).id;
    const integrations = new IntegrationRepository(db, new CredentialsCipher(env('HERALD_ENCRYPTION_KEY')));
    const channel = async (org: string, provider: 'facebook' | 'instagram', name: string) =>
      (await integrations.upsert(org, { provider, internalId: `${provider}-${randomUUID()}`, name, picture: `https://example.com/${name}.png`, profile: name, credentials: { accessToken: 'token' } })).id;
    facebook = await channel(organizationId, 'facebook', 'Page');
    instagram = await channel(organizationId, 'instagram', 'IG');
    retired = await channel(organizationId, 'facebook', 'Old page');
    foreign = await channel(otherOrganizationId, 'facebook', 'Not ours');
    const customer = await new CustomerRepository(db).create(organizationId, 'Client A');
    if (customer.kind !== 'created') throw new Error('customer not created');
    customerId = customer.customer.id;
    await db.integration.update({ where: { id: instagram }, data: { customerId } });
    listed = await seedMonth();
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  /** A full record without what the calendar does not read. */
  const asListed = ({ organizationId: _o, integrationId: _i, createdAt: _c, updatedAt: _u, threadPosition: _t, delayMinutes: _d, repeatId: _r, ...rest }: PostRecord): ListedPost => rest;

  const post = (integrationId: string, publishAt: Date, overrides: Partial<NewPost> = {}): NewPost => ({
    integrationId,
    group: randomUUID(),
    state: 'QUEUE',
    publishAt,
    timeZone: 'Europe/Paris',
    content: `<p>Post at ${publishAt.toISOString()}</p>`,
    media: [],
    settings: {},
    creationMethod: 'API',
    ...overrides,
  });

  /** A month as a calendar holds it, and what must stay out of it. */
  async function seedMonth(): Promise<PostRecord[]> {
    const photo = { id: 'media-1', path: 'https://example.com/a.jpg', kind: 'image' as const, mimeType: 'image/jpeg', width: 1080, height: 1350 };
    const [draft, withThread, withMedia] = await posts.createMany(organizationId, [
      post(facebook, at(0), { state: 'DRAFT', settings: { url: 'https://example.com/article' } }),
      post(facebook, at(1, 123), {
        thread: [
          { content: 'First comment', media: [], delayMinutes: 5 },
          { content: 'Second comment', media: [], delayMinutes: 10 },
          { content: 'Deleted comment', media: [], delayMinutes: 15 },
        ],
      }),
      post(instagram, at(2, 7), { media: [photo, { path: 'https://cdn.example.com/b.jpg', kind: 'image' }], settings: { post_type: 'post', collaborators: ['a', 'b'] } }),
    ]);
    const published = (await posts.createMany(organizationId, [post(instagram, at(3), { media: [photo] })]))[0]!;
    const failed = (await posts.createMany(organizationId, [post(facebook, at(4))]))[0]!;
    const onRetiredChannel = (await posts.createMany(organizationId, [post(retired, at(5), { timeZone: null })]))[0]!;
    const rule = repeatRuleFrom({ frequency: 'daily', interval: 3 }, at(6), 'Europe/Paris');
    const stoppedRule = repeatRuleFrom({ frequency: 'weekly', interval: 1, weekdays: [1, 3] }, at(7), 'America/New_York');
    if (!rule.ok || !stoppedRule.ok) throw new Error('repeat rules');
    const repeating = (await posts.createMany(organizationId, [post(facebook, at(6))], { repeat: rule.value }))[0]!;
    const stopped = (await posts.createMany(organizationId, [post(instagram, at(7), { media: [photo] })], { repeat: stoppedRule.value }))[0]!;
    const sameInstant = await posts.createMany(organizationId, [post(facebook, at(8)), post(instagram, at(8), { media: [photo] })]);
    const atTheEnd = (await posts.createMany(organizationId, [post(facebook, to)]))[0]!;

    await db.post.update({ where: { id: withThread!.thread[2]!.id }, data: { deletedAt: new Date() } });
    await db.post.updateMany({
      where: { OR: [{ id: withThread!.id }, { parentPostId: withThread!.id, threadPosition: 1 }] },
      data: { state: 'PUBLISHED', publishedAt: at(1, 456), releaseId: 'fb-1', releaseUrl: 'https://facebook.com/fb-1', workflowId: `post:${withThread!.id}` },
    });
    await db.post.updateMany({ where: { parentPostId: withThread!.id, threadPosition: 2 }, data: { state: 'ERROR', errorCode: 'RATE_LIMITED', errorMessage: 'Too many comments' } });
    await db.post.update({ where: { id: published.id }, data: { state: 'PUBLISHED', publishedAt: at(3, 1), releaseId: 'ig-1', releaseUrl: null } });
    await db.post.update({ where: { id: failed.id }, data: { state: 'ERROR', errorCode: 'IDENTITY_CHECKPOINT', errorMessage: 'Confirm your identity' } });
    await db.post.update({ where: { id: withMedia!.id }, data: { state: 'PUBLISHING', workflowId: `post:${withMedia!.id}` } });
    await db.postRepeat.update({ where: { id: stopped.repeatId! }, data: { stoppedAt: at(7, 60_000) } });
    await db.integration.update({ where: { id: retired }, data: { deletedAt: new Date() } });

    // Left out: deleted, outside the period, another organization's, a comment due in the period.
    const [deleted] = await posts.createMany(organizationId, [post(facebook, at(9))]);
    await db.post.update({ where: { id: deleted!.id }, data: { deletedAt: new Date() } });
    await posts.createMany(organizationId, [post(facebook, new Date(from.getTime() - 1)), post(facebook, new Date(to.getTime() + 1))]);
    await posts.createMany(otherOrganizationId, [post(foreign, at(2))]);
    await posts.createMany(organizationId, [post(facebook, new Date(from.getTime() - 60_000), { thread: [{ content: 'due in the period', media: [], delayMinutes: 60 }] })]);

    const ids = [draft!, withThread!, withMedia!, published, failed, onRetiredChannel, repeating, stopped, ...sameInstant.sort((a, b) => (a.id < b.id ? -1 : 1)), atTheEnd].map((p) => p.id);
    return Promise.all(ids.map(async (id) => (await posts.findForOrganization(organizationId, id))!));
  }

  it('should answer every post of the period, earliest first, each exactly as the post itself reads', async () => {
    const month = await posts.listForOrganization(organizationId, { from, to });

    const answer = (p: ListedPost) => toPostResponse(p, (workflowId) => `https://temporal.example.com/${workflowId}`);
    expect(month.map(answer)).toEqual(listed.map(answer));
    expect(month).toEqual(listed.map(asListed));
    expect(month[1]!.thread.map((t) => t.content)).toEqual(['First comment', 'Second comment']);
    expect(month[5]!.integration.name).toBe('Old page');
    expect(month[7]!.repeat?.stoppedAt).toEqual(at(7, 60_000));
    expect(await posts.listForOrganization(otherOrganizationId, { from, to })).toHaveLength(1);
  });

  it('should filter by state, channel and customer, and page through the period', async () => {
    const all = listed.map(asListed);
    const ids = (list: ListedPost[]) => list.map((p) => p.id);

    const errors = await posts.listForOrganization(organizationId, { from, to, states: ['ERROR', 'DRAFT'] });
    const onInstagram = await posts.listForOrganization(organizationId, { from, to, integrationIds: [instagram] });
    const ofCustomer = await posts.listForOrganization(organizationId, { from, to, customerId });
    const pages: ListedPost[][] = [];
    for (let after: { publishAt: Date; id: string } | undefined; ; ) {
      const page = await posts.listForOrganization(organizationId, { from, to, limit: 3, ...(after && { after }) });
      if (page.length === 0) break;
      pages.push(page);
      after = { publishAt: page.at(-1)!.publishAt, id: page.at(-1)!.id };
    }

    expect(ids(errors)).toEqual(ids(all.filter((p) => p.state === 'ERROR' || p.state === 'DRAFT')));
    expect(errors.map((p) => p.state).sort()).toEqual(['DRAFT', 'ERROR']);
    expect(ids(onInstagram)).toEqual(ids(all.filter((p) => p.integration.id === instagram)));
    expect(onInstagram.length).toBeGreaterThan(0);
    expect(ids(ofCustomer)).toEqual(ids(onInstagram));
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 2]);
    expect(pages.flat()).toEqual(all);
    expect(await posts.listForOrganization(organizationId, { from, to, states: [] })).toEqual([]);
    expect(await posts.listForOrganization(organizationId, { from, to, integrationIds: [foreign] })).toEqual([]);
  });
});
