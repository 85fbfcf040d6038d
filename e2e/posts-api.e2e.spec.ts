// The rest of the posts API as clients use it: listing with filters and pages, the release id
// of a post sent to the TikTok inbox, and the per-organization limit on post creation.
import path from 'node:path';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

const CLIP = path.join(__dirname, 'fixtures/clip.mp4');

interface ListAnswer {
  posts: Array<{ id: string; heraldState: string; integration: { id: string }; publishAt: string }>;
  nextCursor: string | null;
}

describe('the posts API', () => {
  let stack: HeraldStack;
  let db: Db;

  beforeAll(async () => {
    stack = await startHeraldStack({ API_LIMIT: '1000' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should list a period\'s posts by state and channel, a page at a time, and only the caller\'s', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    const other = await createTestOrganization(db, stack.sandbox, ['facebook']);
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const day = Date.UTC(2031, 0, 10);
    const at = (hours: number) => new Date(day + hours * 3_600_000);
    const page = org.channels.facebook!.integration.id;
    const scheduled = [];
    for (let h = 1; h <= 5; h++) scheduled.push(await api.schedule(page, { content: `Listed ${h}` }, { date: at(h) }));
    const draft = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'draft',
      date: at(6).toISOString(),
      posts: [{ integration: { id: page }, value: [{ content: 'A draft', image: [] }] }],
    });
    await new PublicApiClient(stack.apiUrl, other.apiKey).schedule(other.channels.facebook!.integration.id, { content: 'Not yours' }, { date: at(3) });
    const range = `startDate=${at(0).toISOString()}&endDate=${at(24).toISOString()}`;

    const all = await api.request<ListAnswer>('GET', `/posts?${range}`);
    const drafts = await api.request<ListAnswer>('GET', `/posts?${range}&state=DRAFT`);
    const first = await api.request<ListAnswer>('GET', `/posts?${range}&state=QUEUE&integration=${page}&limit=2`);
    const second = await api.request<ListAnswer>('GET', `/posts?${range}&state=QUEUE&integration=${page}&limit=2&cursor=${first.body.nextCursor}`);
    const third = await api.request<ListAnswer>('GET', `/posts?${range}&state=QUEUE&integration=${page}&limit=2&cursor=${second.body.nextCursor}`);
    const badState = await api.request<{ field: string }>('GET', `/posts?${range}&state=LIVE`);
    const noOffset = await api.request<{ field: string }>('GET', `/posts?startDate=2031-01-10T00:00:00&endDate=${at(24).toISOString()}`);

    expect(all.body.posts.map((p) => p.id)).toEqual([...scheduled, draft.body[0]!.postId]);
    expect(all.body.nextCursor).toBeNull();
    expect(drafts.body.posts.map((p) => p.id)).toEqual([draft.body[0]!.postId]);
    expect([first, second, third].map((r) => r.body.posts.map((p) => p.id))).toEqual([scheduled.slice(0, 2), scheduled.slice(2, 4), scheduled.slice(4)]);
    expect(third.body.nextCursor).toBeNull();
    expect(badState).toMatchObject({ status: 400, body: { field: 'state[0]' } });
    expect(noOffset).toMatchObject({ status: 400, body: { field: 'startDate' } });
  });

  it('should list a TikTok inbox post\'s candidates and record the one the user picks, once', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['tiktok']);
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const channel = org.channels.tiktok!.integration.id;
    // A video the creator published, then a draft sent to the inbox.
    const live = await api.waitForOutcome(
      await api.schedule(channel, { content: 'Already live', files: [CLIP] }, { type: 'now', settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }),
      90_000,
    );
    const inboxId = await api.schedule(channel, { content: 'Sent to the inbox', files: [CLIP] }, { type: 'now', settings: { content_posting_method: 'UPLOAD' } });
    const inbox = await api.waitForOutcome(inboxId, 90_000);

    const candidates = await api.request<Array<{ id: string; url: string | null }>>('GET', `/posts/${inboxId}/missing`);
    const picked = await api.request<{ releaseId: string; releaseURL: string | null }>('PUT', `/posts/${inboxId}/release-id`, { releaseId: live.releaseId });
    const again = await api.request('PUT', `/posts/${inboxId}/release-id`, { releaseId: '123' });
    const notInbox = await api.request('GET', `/posts/${live.id as string}/missing`);
    const foreign = await new PublicApiClient(stack.apiUrl, (await createTestOrganization(db, stack.sandbox, ['facebook'])).apiKey).request(
      'GET',
      `/posts/${inboxId}/missing`,
    );

    expect(inbox).toMatchObject({ heraldState: 'PUBLISHED', releaseId: 'missing' });
    expect(candidates.status).toBe(200);
    expect(candidates.body.map((c) => c.id)).toContain(live.releaseId);
    expect(picked).toMatchObject({ status: 200, body: { releaseId: live.releaseId } });
    expect(picked.body.releaseURL).toContain(String(live.releaseId));
    expect(again.status).toBe(409);
    expect(notInbox.status).toBe(409);
    expect(foreign.status).toBe(404);
  });
});

describe('the limit on post creation (API_LIMIT)', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;

  beforeAll(async () => {
    stack = await startHeraldStack({ API_LIMIT: '3' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should answer 429 with Retry-After past the limit, store nothing, and leave other organizations alone', async () => {
    const create = (apiKey: string, integrationId: string) =>
      fetch(`${stack.apiUrl}/api/public/v1/posts`, {
        method: 'POST',
        headers: { authorization: apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'draft',
          date: new Date(Date.now() + 3_600_000).toISOString(),
          posts: [{ integration: { id: integrationId }, value: [{ content: 'Counted', image: [] }] }],
        }),
      });
    const channel = org.channels.facebook!.integration.id;

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await create(org.apiKey, channel)).status);
    const refused = await create(org.apiKey, channel);
    const other = await createTestOrganization(db, stack.sandbox, ['facebook']);
    const otherStatus = (await create(other.apiKey, other.channels.facebook!.integration.id)).status;

    expect(statuses).toEqual([201, 201, 201]);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await refused.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', retryAfter });
    expect(await db.post.count({ where: { organizationId: org.organizationId } })).toBe(3);
    expect(otherStatus).toBe(201);
  });
});

describe('adding posts to the queue (type "queue")', () => {
  let stack: HeraldStack;
  let db: Db;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should put each post at its channel\'s next free slot, in the channel\'s zone, skipping taken ones', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['facebook']);
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const page = org.channels.facebook!.integration.id;
    const slots = await api.request('PUT', `/integrations/${page}/time-slots`, { times: ['08:15', '19:45'], timeZone: 'Pacific/Chatham' });
    const queue = () =>
      api.request<Array<{ postId: string; publishAt: string }>>('POST', '/posts', {
        type: 'queue',
        posts: [{ integration: { id: page }, value: [{ content: `Queued ${Date.now()}`, image: [] }] }],
      });

    const first = await queue();
    const second = await queue();
    const withDate = await api.request<{ field: string }>('POST', '/posts', {
      type: 'queue',
      date: new Date().toISOString(),
      posts: [{ integration: { id: page }, value: [{ content: 'x', image: [] }] }],
    });

    expect(slots.status).toBe(200);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const times = [first.body[0]!.publishAt, second.body[0]!.publishAt].map((t) => new Date(t));
    // Both at a slot's wall-clock time in Chatham, the second after the first, both to come.
    const chatham = new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Chatham', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(times.map((t) => chatham.format(t)).every((hhmm) => hhmm === '08:15' || hhmm === '19:45')).toBe(true);
    expect(times[1]!.getTime()).toBeGreaterThan(times[0]!.getTime());
    expect(times[0]!.getTime()).toBeGreaterThan(Date.now());
    const next = await api.request<{ dateIso: string }>('GET', `/find-slot/${page}`);
    expect(new Date(next.body.dateIso).getTime()).toBeGreaterThan(times[1]!.getTime());
    expect(withDate).toMatchObject({ status: 400, body: { field: 'date' } });
  });
});
