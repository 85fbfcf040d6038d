// The API and workers run in HERALD_STACK_TZ (a zone far from UTC, then one with US daylight
// saving) while this runner stays in UTC: the instant a user asked for must come out unchanged
// and be the instant the post is published.
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

describe(`publish times with the stack in ${process.env.HERALD_STACK_TZ ?? 'UTC'}`, () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should return an instant given with an offset as the same instant in UTC', async () => {
    // 09:30 in Kolkata (+05:30) on the day New York and Chatham change their clocks.
    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      date: '2030-03-10T09:30:00+05:30',
      timeZone: 'Asia/Kolkata',
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'Later', image: [] }] }],
    });
    const post = await api.request('GET', `/posts/${created.body[0]!.postId}`);

    expect(post.body).toMatchObject({ publishDate: '2030-03-10T04:00:00.000Z', publishAt: '2030-03-10T04:00:00.000Z', timeZone: 'Asia/Kolkata' });
    const row = await db.post.findUniqueOrThrow({ where: { id: created.body[0]!.postId } });
    expect(row.publishAt.toISOString()).toBe('2030-03-10T04:00:00.000Z');
  });

  it('should publish at the instant asked for, not shifted by the server\'s zone', async () => {
    const publishAt = new Date(Date.now() + 4_000);
    // Written with a -05:00 offset on purpose: the server must not care.
    const local = new Date(publishAt.getTime() - 5 * 3_600_000).toISOString().replace('Z', '-05:00');
    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      date: local,
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: `On time ${Date.now()}`, image: [] }] }],
    });
    expect(created.status).toBe(201);

    const post = await api.waitForOutcome(created.body[0]!.postId);
    const [item] = (await stack.sandbox.published({ network: 'facebook', accountId: org.channels.facebook!.account.id })).filter(
      (p) => p.id === post.releaseId,
    );

    const lateness = new Date(item!.createdAt).getTime() - publishAt.getTime();
    expect(lateness).toBeGreaterThanOrEqual(0);
    // Generous bound: the point is "not hours off", not speed (benchmarks measure that).
    expect(lateness).toBeLessThan(30_000);
  });
});
